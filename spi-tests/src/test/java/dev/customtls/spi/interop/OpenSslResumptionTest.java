package dev.customtls.spi.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.jsse.EarlyDataEngine;
import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 resumption and 0-RTT with OpenSSL 3.0 (RFC 8446 sections 2.2, 2.3): {@code s_client -sess_out /
 * -sess_in} and {@code -early_data} against a {@code Custom} server, and a {@code Custom} client sending early
 * data to {@code s_server -early_data}.
 */
class OpenSslResumptionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path dir;
    private static Path caFile;

    @BeforeAll
    static void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OpenSslProcess.binary())), "no openssl binary");
        caFile = PemFiles.writeCertificate(TestCredentials.shared().caCertificate(), dir, "ca");
    }

    // ---- openssl s_client -> Custom server ----

    /** One s_client connection to a Custom server engine of {@code ctx}; returns the server side. */
    private static EngineOverSocket serveOnce(SSLContext ctx, int maxEarlyData, List<String> clientArgs,
                                              String expectOutput) throws Exception {
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        if (maxEarlyData > 0) {
            ((EarlyDataEngine) engine).setEarlyDataEnabled(maxEarlyData);
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(TIMEOUT_MILLIS);
            List<String> args = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                    "-servername", TestCredentials.HOST, "-tls1_3", "-CAfile", caFile.toString(),
                    "-verify_return_error", "-no_ign_eof"));
            args.addAll(clientArgs);
            try (OpenSslProcess client = OpenSslProcess.start(args.toArray(new String[0]))) {
                Socket s = listener.accept();
                EngineOverSocket conn = new EngineOverSocket(engine, s, TIMEOUT_MILLIS);
                conn.handshake();
                client.expectOutput(expectOutput, WAIT);
                // A line each way, so s_client has read the NewSessionTicket (and saved the session).
                client.send("ping\n");
                assertEquals("ping\n", new String(conn.read(5), StandardCharsets.US_ASCII));
                conn.write("pong\n".getBytes(StandardCharsets.US_ASCII));
                client.expectOutput("pong", WAIT);
                conn.closeOrderly();
                assertTrue(client.awaitExit(WAIT), client.describe());
                return conn;
            }
        }
    }

    private static SSLContext customServerContext() {
        return EngineBuilder.server(Providers.CUSTOM).context();
    }

    @Test
    void openSslClientResumesWithCustomServer() throws Exception {
        SSLContext ctx = customServerContext();
        Path session = dir.resolve("resume.pem");
        EngineOverSocket first = serveOnce(ctx, 0, List.of("-sess_out", session.toString()), "New, TLSv1.3");
        assertTrue(Files.size(session) > 0, "s_client saved the session");
        EngineOverSocket second = serveOnce(ctx, 0, List.of("-sess_in", session.toString()), "Reused, TLSv1.3");
        assertEquals(first.engine().getSession().getCreationTime(), second.engine().getSession().getCreationTime());
    }

    @Test
    void openSslClientEarlyDataAcceptedByCustomServer() throws Exception {
        SSLContext ctx = customServerContext();
        Path session = dir.resolve("early.pem");
        serveOnce(ctx, 16384, List.of("-sess_out", session.toString()), "New, TLSv1.3");
        Path request = dir.resolve("early.txt");
        byte[] early = "GET /zero-rtt HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(request, early);
        EngineOverSocket second = serveOnce(ctx, 16384,
                List.of("-sess_in", session.toString(), "-early_data", request.toString()), "Reused, TLSv1.3");
        EarlyDataEngine server = (EarlyDataEngine) second.engine();
        assertEquals(EarlyDataEngine.EarlyDataStatus.ACCEPTED, server.earlyDataStatus());
        ByteBuffer got = server.readEarlyData();
        byte[] b = new byte[got.remaining()];
        got.get(b);
        assertArrayEquals(early, b, "the early data, read apart from 1-RTT data");
    }

    // ---- Custom client -> openssl s_server -early_data ----

    @Test
    void customClientEarlyDataAcceptedByOpenSslServer() throws Exception {
        SSLContext ctx = EngineBuilder.client(Providers.CUSTOM).context();
        Path[] files = PemFiles.write(TestCredentials.shared().server(KeyType.EC_P256), dir, "server-ec");
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        try (OpenSslProcess server = OpenSslProcess.start("s_server", "-accept", "127.0.0.1:" + port, "-naccept", "2",
                "-tls1_3", "-cert", files[0].toString(), "-key", files[1].toString(), "-early_data")) {
            server.expectOutput("ACCEPT", WAIT);
            for (int i = 0; i < 2; i++) {
                SSLEngine engine = ctx.createSSLEngine(TestCredentials.HOST, port);
                engine.setUseClientMode(true);
                String early = "early-" + i + "\n";
                if (i == 1) {
                    ((EarlyDataEngine) engine).setEarlyData(ByteBuffer.wrap(early.getBytes(StandardCharsets.US_ASCII)));
                }
                Socket s = new Socket();
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
                try (EngineOverSocket conn = new EngineOverSocket(engine, s, TIMEOUT_MILLIS)) {
                    conn.handshake();
                    server.send("from-openssl-" + i + "\n");
                    String line = "from-openssl-" + i + "\n";
                    assertEquals(line, new String(conn.read(line.length()), StandardCharsets.US_ASCII));
                    if (i == 1) {
                        assertEquals(EarlyDataEngine.EarlyDataStatus.ACCEPTED,
                                ((EarlyDataEngine) engine).earlyDataStatus(), server.describe());
                        server.expectOutput("early-1", WAIT);
                    }
                    conn.closeOrderly();
                }
            }
            assertTrue(server.output().contains("Early data received"), server.describe());
        }
    }
}
