package dev.customtls.spi.socket;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnio.Options;
import org.xnio.Sequence;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.customtls.spi.socket.JettyHttp2InteropTest.LARGE;
import static dev.customtls.spi.socket.JettyHttp2InteropTest.bytes;
import static dev.customtls.spi.socket.JettyHttp2InteropTest.digest;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Undertow (the server of WildFly): its XNIO SSL conduit drives the provider's {@code SSLEngine} and its ALPN
 * manager negotiates HTTP/2, against {@code java.net.http.HttpClient}; each side's TLS from the provider named.
 */
@Timeout(120)
class UndertowInteropTest {

    static final int STREAMS = 8;

    static List<Arguments> cases() {
        return SocketProviders.enginePairsBothVersions();
    }

    @ParameterizedTest(name = "client {0}, Undertow on {1}, {2}")
    @MethodSource("cases")
    void http2ThroughUndertow(String clientProvider, String serverProvider, String protocol) throws Exception {
        Undertow server = start(SocketProviders.serverContext(serverProvider), protocol);
        try (JettyHttp2InteropTest.JdkHttp2Client client =
                     new JettyHttp2InteropTest.JdkHttp2Client(SocketProviders.clientContext(clientProvider))) {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            String base = "https://localhost:" + port;
            JettyHttp2InteropTest.Http2Client.Answer hello = client.get(base + "/hello").get(60, TimeUnit.SECONDS);
            assertEquals(200, hello.status());
            assertTrue(hello.http2(), "ALPN did not select h2");
            assertEquals("HTTP/2.0 " + protocol, new String(hello.body(), StandardCharsets.UTF_8));

            List<CompletableFuture<JettyHttp2InteropTest.Http2Client.Answer>> downloads = new ArrayList<>();
            List<CompletableFuture<JettyHttp2InteropTest.Http2Client.Answer>> uploads = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                downloads.add(client.get(base + "/bytes?seed=" + i));
                uploads.add(client.post(base + "/sha256", bytes(1000 + i, LARGE)));
            }
            for (int i = 0; i < STREAMS; i++) {
                assertArrayEquals(bytes(i, LARGE), downloads.get(i).get(60, TimeUnit.SECONDS).body(), "download " + i);
                assertEquals(digest(bytes(1000 + i, LARGE)),
                        new String(uploads.get(i).get(60, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8),
                        "upload " + i);
            }
        } finally {
            server.stop();
        }
    }

    private static Undertow start(SSLContext context, String protocol) {
        Undertow server = Undertow.builder()
                .setIoThreads(2)
                .setWorkerThreads(4)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(protocol))
                .addHttpsListener(0, "127.0.0.1", context)
                .setHandler(UndertowInteropTest::handle)
                .build();
        server.start();
        return server;
    }

    private static void handle(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        switch (exchange.getRequestPath()) {
            case "/hello" -> exchange.getResponseSender().send(exchange.getProtocol() + " "
                    + exchange.getConnection().getSslSessionInfo().getSSLSession().getProtocol());
            case "/bytes" -> exchange.getResponseSender().send(ByteBuffer.wrap(
                    bytes(Integer.parseInt(exchange.getQueryParameters().get("seed").getFirst()), LARGE)));
            case "/sha256" -> exchange.getRequestReceiver().receiveFullBytes((ex, data) -> {
                try {
                    ex.getResponseSender().send(HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(data)) + " " + data.length);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
            default -> {
                exchange.setStatusCode(404);
                exchange.endExchange();
            }
        }
    }
}
