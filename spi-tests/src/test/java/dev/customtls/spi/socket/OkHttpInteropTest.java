package dev.customtls.spi.socket;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.TlsVersion;
import okio.Buffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * OkHttp, the HTTP client of most Android and many server-side Java programs, over the provider's
 * {@code SSLSocket}: OkHttp configures TLS its own way (enabled suites and protocols from its
 * {@code ConnectionSpec}, ALPN through {@code SSLParameters}, the handshake read back from the session), against
 * OkHttp's MockWebServer, whose server side is the provider's layered server {@code SSLSocket}. HTTP/2 and
 * HTTP/1.1, TLS 1.3 and TLS 1.2, each side's provider in every combination (and our socket layer over SunJSSE's
 * engine).
 */
@Timeout(120)
class OkHttpInteropTest {

    static final int BODY = 500_000;

    static List<Arguments> cases() {
        List<String> names = SocketProviders.names();
        List<Arguments> out = new ArrayList<>();
        for (String client : names) {
            for (String server : names) {
                out.add(Arguments.of(client, server, TlsVersion.TLS_1_3, Protocol.HTTP_2));
                out.add(Arguments.of(client, server, TlsVersion.TLS_1_2, Protocol.HTTP_2));
                out.add(Arguments.of(client, server, TlsVersion.TLS_1_3, Protocol.HTTP_1_1));
            }
        }
        return out;
    }

    private static X509TrustManager trustManager() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(SocketProviders.PKI.trustStore());
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}, {3}")
    @MethodSource("cases")
    void getAndPostOverOneConnection(String clientProvider, String serverProvider, TlsVersion version,
                                     Protocol protocol) throws Exception {
        SSLContext clientContext = SocketProviders.clientContext(clientProvider);
        byte[] download = new byte[BODY];
        new Random(3).nextBytes(download);
        byte[] upload = new byte[BODY];
        new Random(5).nextBytes(upload);

        try (MockWebServer server = new MockWebServer()) {
            server.useHttps(SocketProviders.serverContext(serverProvider).getSocketFactory());
            server.setProtocols(protocol == Protocol.HTTP_2
                    ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1));
            server.enqueue(new MockResponse.Builder().body(new Buffer().write(download)).build());
            server.enqueue(new MockResponse.Builder().body("stored").build());
            server.start(InetAddress.getLoopbackAddress(), 0);

            OkHttpClient client = new OkHttpClient.Builder()
                    .sslSocketFactory(clientContext.getSocketFactory(), trustManager())
                    .connectionSpecs(List.of(new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                            .tlsVersions(version).build()))
                    .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                    .callTimeout(60, TimeUnit.SECONDS)
                    .build();
            try {
                String base = "https://localhost:" + server.getPort();
                try (Response get = client.newCall(new Request.Builder().url(base + "/file").build()).execute()) {
                    assertEquals(200, get.code());
                    assertEquals(protocol, get.protocol(), "protocol ALPN chose");
                    assertEquals(version, get.handshake().tlsVersion());
                    assertTrue(get.handshake().cipherSuite().javaName().startsWith("TLS_"));
                    assertEquals("CN=localhost", ((java.security.cert.X509Certificate) get.handshake()
                            .peerCertificates().get(0)).getSubjectX500Principal().getName());
                    assertArrayEquals(download, get.body().bytes());
                }
                try (Response post = client.newCall(new Request.Builder().url(base + "/upload")
                        .post(RequestBody.create(upload, MediaType.get("application/octet-stream"))).build())
                        .execute()) {
                    assertEquals("stored", post.body().string());
                }

                RecordedRequest first = server.takeRequest(10, TimeUnit.SECONDS);
                RecordedRequest second = server.takeRequest(10, TimeUnit.SECONDS);
                assertNotNull(second, "the server did not record the upload");
                assertEquals("/file", first.getTarget());
                assertEquals(version, first.getHandshake().tlsVersion(), "the server's session");
                assertArrayEquals(upload, second.getBody().toByteArray(), "uploaded bytes");
                assertEquals(first.getConnectionIndex(), second.getConnectionIndex(), "connection reused");
            } finally {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        }
    }
}
