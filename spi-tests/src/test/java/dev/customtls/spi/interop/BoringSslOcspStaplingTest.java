package dev.customtls.spi.interop;

import com.sun.net.httpserver.HttpServer;
import dev.customtls.pki.TestPki;
import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * OCSP stapling both ways with BoringSSL (Netty's native engine, netty-tcnative-boringssl-static): a BoringSSL server
 * staples a response ({@code ReferenceCountedOpenSslEngine.setOcspResponse}) that a {@code Custom} client hands to
 * the JDK's PKIX trust manager, which requires revocation status and has no other source; a {@code Custom} server
 * with stapling on (its responder an in-process HTTP server, named by {@code jdk.tls.stapling.responderURI})
 * staples what a BoringSSL client with OCSP enabled reports ({@code getOcspResponse}). TLS 1.3 and 1.2.
 */
@Timeout(60)
class BoringSslOcspStaplingTest {
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final TestPki PKI = TestPki.create("BoringSSL Stapling CA");
    private static final TestPki.Credential SERVER = PKI.issue(KeyType.EC_P256, TestCredentials.HOST);
    private static byte[] response;

    @BeforeAll
    static void boringSsl() throws Exception {
        assertTrue(OpenSsl.isAvailable(), () -> "Netty's BoringSSL did not load: " + OpenSsl.unavailabilityCause());
        assertTrue(OpenSsl.isOcspSupported(), "BoringSSL without OCSP stapling");
        response = CaSignedOcspResponses.response(PKI, SERVER.certificate(), false);
    }

    @ParameterizedTest(name = "BoringSSL server -> Custom client, {0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void customClientTakesBoringSslsStaple(String protocol) throws Exception {
        SslContext boring = SslContextBuilder.forServer(SERVER.keyPair().getPrivate(),
                SERVER.chain().toArray(new X509Certificate[0])).sslProvider(SslProvider.OPENSSL).enableOcsp(true)
                .protocols(protocol).build();
        SSLEngine server = boring.newEngine(ByteBufAllocator.DEFAULT);
        ((ReferenceCountedOpenSslEngine) server).setOcspResponse(response);
        SSLEngine client = RevocationCheckingClient.create(Providers.CUSTOM, protocol, PKI.trustStore(),
                URI.create("http://127.0.0.1:1/"));
        try {
            ExtendedSSLSession session = (ExtendedSSLSession) handshake(client, server).getSession();
            assertEquals(protocol, session.getProtocol());
            assertFalse(session.getStatusResponses().isEmpty(), "no stapled response in the session");
            assertArrayEquals(response, session.getStatusResponses().get(0));
        } finally {
            ReferenceCountUtil.release(server);
            ReferenceCountUtil.release(boring);
        }
    }

    @ParameterizedTest(name = "Custom server -> BoringSSL client, {0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void boringSslClientGetsCustomsStaple(String protocol) throws Exception {
        HttpServer responder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responder.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            ex.sendResponseHeaders(200, response.length);
            ex.getResponseBody().write(response);
            ex.close();
        });
        responder.start();
        SslContext boring = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).enableOcsp(true)
                .trustManager(PKI.caCertificate()).protocols(protocol).build();
        SSLEngine client = boring.newEngine(ByteBufAllocator.DEFAULT, TestCredentials.HOST, 443);
        try {
            SSLContext custom = Providers.sslContext(Providers.CUSTOM, "TLS", TestCredentials.keyManagers(SERVER), null,
                    Map.of("jdk.tls.server.enableStatusRequestExtension", "true",
                            "jdk.tls.stapling.responderURI", "http://127.0.0.1:" + responder.getAddress().getPort() + "/",
                            "jdk.tls.stapling.responderOverride", "true"));
            SSLEngine server = custom.createSSLEngine();
            server.setUseClientMode(false);
            handshake(client, server);
            assertEquals(protocol, client.getSession().getProtocol());
            assertArrayEquals(response, ((ReferenceCountedOpenSslEngine) client).getOcspResponse(),
                    "BoringSSL did not receive the stapled response");
        } finally {
            ReferenceCountUtil.release(client);
            ReferenceCountUtil.release(boring);
            responder.stop(0);
        }
    }

    /** Handshakes the two engines over a loopback connection, the server on another thread; returns the client. */
    private static SSLEngine handshake(SSLEngine client, SSLEngine server) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept(); EngineOverSocket conn = new EngineOverSocket(server, s,
                        SOCKET_TIMEOUT_MILLIS)) {
                    conn.handshake();
                    String line = new String(conn.read(5), StandardCharsets.US_ASCII);
                    conn.write(line.getBytes(StandardCharsets.US_ASCII));
                    return line;
                } catch (Exception e) {
                    throw new IllegalStateException("server side: " + e, e);
                }
            });
            Socket s = new Socket();
            s.connect(listener.getLocalSocketAddress(), SOCKET_TIMEOUT_MILLIS);
            try (EngineOverSocket conn = new EngineOverSocket(client, s, SOCKET_TIMEOUT_MILLIS)) {
                conn.handshake();
                conn.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping\n", new String(conn.read(5), StandardCharsets.US_ASCII));
                assertEquals("ping\n", serverSide.get(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            } catch (Exception | AssertionError e) {
                try {
                    serverSide.get(2, TimeUnit.SECONDS);
                } catch (Exception serverFailure) {
                    e.addSuppressed(serverFailure);
                }
                throw e;
            }
            return client;
        }
    }
}
