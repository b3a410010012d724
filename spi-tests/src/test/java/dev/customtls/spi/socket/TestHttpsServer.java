package dev.customtls.spi.socket;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code com.sun.net.httpserver.HttpsServer} on loopback with a given SSLContext: {@code GET /hello}
 * answers {@code hello}; {@code POST /sha256} answers the hex SHA-256 and length of the body.
 */
final class TestHttpsServer implements AutoCloseable {

    static final String HELLO = "hello from the https server";

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    TestHttpsServer(SSLContext context) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/hello", ex -> respond(ex, HELLO));
        server.createContext("/sha256", TestHttpsServer::digest);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "https://localhost:" + port() + path;
    }

    private static void digest(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
                total += n;
            }
            respond(ex, HexFormat.of().formatHex(md.digest()) + " " + total);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
