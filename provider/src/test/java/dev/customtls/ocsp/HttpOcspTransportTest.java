package dev.customtls.ocsp;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** OCSP over HTTP (RFC 6960 appendix A.1) against a local HTTP server: the request, and every way it can fail. */
@Timeout(20)
class HttpOcspTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpOcspTransport transport = new HttpOcspTransport();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, byte[] body) throws IOException {
        return serve(status, body, new AtomicReference<>(), new AtomicReference<>());
    }

    private URI serve(int status, byte[] body, AtomicReference<String> contentType, AtomicReference<byte[]> received)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            contentType.set(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type"));
            received.set(ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    @Test
    void postsTheRequestAndReturnsTheBody() throws Exception {
        AtomicReference<String> head = new AtomicReference<>();
        AtomicReference<byte[]> received = new AtomicReference<>();
        URI uri = serve(200, new byte[] {1, 2, 3}, head, received);
        assertArrayEquals(new byte[] {1, 2, 3}, transport.post(uri, new byte[] {9, 8}, TIMEOUT, 100));
        assertEquals("POST application/ocsp-request", head.get());
        assertArrayEquals(new byte[] {9, 8}, received.get());
    }

    @Test
    void httpErrorIsAFailure() throws Exception {
        URI uri = serve(503, "busy".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class, () -> transport.post(uri, new byte[] {1}, TIMEOUT, 100));
        assertTrue(e.getMessage().contains("HTTP 503"), e::getMessage);
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        URI uri = serve(302, new byte[0]);
        IOException e = assertThrows(IOException.class, () -> transport.post(uri, new byte[] {1}, TIMEOUT, 100));
        assertTrue(e.getMessage().contains("HTTP 302"), e::getMessage);
    }

    @Test
    void bodyOverTheLimitIsRefused() throws Exception {
        URI uri = serve(200, new byte[101]);
        IOException e = assertThrows(IOException.class, () -> transport.post(uri, new byte[] {1}, TIMEOUT, 100));
        assertTrue(e.getMessage().contains("limit 100") || e.getMessage().contains("more than 100"), e::getMessage);
    }

    @Test
    void silentResponderTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000); // reads nothing, answers nothing
                } catch (IOException | InterruptedException ignored) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
            assertThrows(java.net.SocketTimeoutException.class,
                    () -> transport.post(uri, new byte[] {1}, Duration.ofMillis(300), 100));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 5_000, "took " + ms + " ms");
            acceptor.interrupt();
        }
    }

    @Test
    void onlyHttpResponders() {
        IOException e = assertThrows(IOException.class,
                () -> transport.post(URI.create("ldap://ocsp.test/"), new byte[] {1}, TIMEOUT, 100));
        assertTrue(e.getMessage().contains("not an http(s) URI"), e::getMessage);
    }
}
