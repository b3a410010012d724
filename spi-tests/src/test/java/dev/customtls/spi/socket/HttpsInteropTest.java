package dev.customtls.spi.socket;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * HTTPS through the JDK's own clients and server, every party using the provider under test:
 * {@code HttpsURLConnection} and {@code java.net.http.HttpClient} (HTTP/1.1) against
 * {@code com.sun.net.httpserver.HttpsServer}.
 */
@Timeout(120)
class HttpsInteropTest {

    static final int POST_BYTES = 1 << 20;

    static List<String> providers() {
        return SocketProviders.names();
    }

    static byte[] body() {
        byte[] b = new byte[POST_BYTES];
        new Random(42).nextBytes(b);
        return b;
    }

    static String expectedDigest(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)) + " " + b.length;
    }

    private static HttpsURLConnection open(SSLContext client, String url) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
        c.setSSLSocketFactory(client.getSocketFactory());
        c.setConnectTimeout(10_000);
        c.setReadTimeout(30_000);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void httpsUrlConnectionGet(String provider) throws Exception {
        SSLContext client = SocketProviders.clientContext(provider);
        try (TestHttpsServer server = new TestHttpsServer(SocketProviders.serverContext(provider))) {
            for (int i = 0; i < 2; i++) { // the second request may reuse the connection
                HttpsURLConnection c = open(client, server.url("/hello"));
                try (InputStream in = c.getInputStream()) {
                    assertEquals(200, c.getResponseCode());
                    assertEquals(TestHttpsServer.HELLO, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    assertTrue(c.getCipherSuite().startsWith("TLS_"), c.getCipherSuite());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void httpsUrlConnectionPostOneMegabyte(String provider) throws Exception {
        SSLContext client = SocketProviders.clientContext(provider);
        byte[] body = body();
        try (TestHttpsServer server = new TestHttpsServer(SocketProviders.serverContext(provider))) {
            HttpsURLConnection c = open(client, server.url("/sha256"));
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            try (InputStream in = c.getInputStream()) {
                assertEquals(expectedDigest(body), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void httpClientGetAndPost(String provider) throws Exception {
        byte[] body = body();
        try (TestHttpsServer server = new TestHttpsServer(SocketProviders.serverContext(provider))) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(SocketProviders.clientContext(provider))
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> get = client.send(
                    HttpRequest.newBuilder(URI.create(server.url("/hello"))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals(TestHttpsServer.HELLO, get.body());
            assertTrue(get.sslSession().isPresent());

            HttpResponse<String> post = client.send(
                    HttpRequest.newBuilder(URI.create(server.url("/sha256")))
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(expectedDigest(body), post.body());
        }
    }
}
