package dev.customtls.spi.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.RecordingTrustManager;
import dev.customtls.spi.support.TestCredentials;
import dev.customtls.spi.support.TestData;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 interop of {@code Custom} with OpenSSL 3.0 over sockets: {@code s_server -tls1_2} and {@code
 * s_client -tls1_2} for every TLS 1.2 suite OpenSSL accepts (ECDHE-ECDSA, ECDHE-RSA and RSA key exchange
 * with AES-GCM and ChaCha20-Poly1305), and resumption both ways ({@code -sess_out}/{@code -sess_in} against
 * our server; our client resuming with {@code s_server}'s ticket).
 */
@Timeout(60)
class OpenSslTls12InteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path dir;
    private static Path caFile;

    @BeforeAll
    static void writeCa() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OpenSslProcess.binary())), "no openssl binary");
        caFile = PemFiles.writeCertificate(TestCredentials.shared().caCertificate(), dir, "ca12");
    }

    static Stream<Arguments> suites() {
        return Stream.of(
                Arguments.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", KeyType.EC_P256),
                Arguments.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", KeyType.EC_P256),
                Arguments.of("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305", KeyType.EC_P256),
                Arguments.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", KeyType.RSA_2048),
                Arguments.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", KeyType.RSA_2048),
                Arguments.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", KeyType.RSA_2048),
                Arguments.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256", KeyType.RSA_2048),
                Arguments.of("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384", KeyType.RSA_2048));
    }

    @ParameterizedTest(name = "Custom client -> s_server -tls1_2 -cipher {1}")
    @MethodSource("suites")
    void customClientToOpenSslServer(String suite, String opensslCipher, KeyType type) throws Exception {
        SSLEngine engine = EngineBuilder.client(Providers.CUSTOM).protocols("TLSv1.3", "TLSv1.2").suites(suite).build();
        try (OpenSslProcess server = startServer(type, 1, "-cipher", opensslCipher);
             EngineOverSocket conn = connect(server, engine)) {
            conn.handshake();
            assertEquals("TLSv1.2", engine.getSession().getProtocol());
            assertEquals(suite, engine.getSession().getCipherSuite());
            exchange(conn, server, 1);
            closeAndAwaitExit(conn, server);
        }
    }

    @ParameterizedTest(name = "s_client -tls1_2 -cipher {1} -> Custom server")
    @MethodSource("suites")
    void openSslClientToCustomServer(String suite, String opensslCipher, KeyType type) throws Exception {
        SSLEngine engine = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.3", "TLSv1.2").suites(suite)
                .keyManagers(TestCredentials.shared().serverKeyManagers(type)).build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, true, "-cipher", opensslCipher);
             EngineOverSocket conn = client.acceptInto(listener, engine, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            assertEquals("TLSv1.2", engine.getSession().getProtocol());
            assertEquals(suite, engine.getSession().getCipherSuite());
            exchange(conn, client, 2);
            closeAndAwaitExit(conn, client);
        }
    }

    /** s_client -sess_out, then -sess_in: OpenSSL reports the second session "Reused". */
    @ParameterizedTest(name = "s_client -sess_in -> Custom server, tickets {0}")
    @MethodSource("ticketModes")
    void openSslClientResumesWithCustomServer(boolean tickets) throws Exception {
        SSLContext ctx = Providers.sslContext(Providers.CUSTOM, "TLS",
                TestCredentials.shared().serverKeyManagers(KeyType.EC_P256), TestCredentials.shared().trustManagers(),
                Map.of("jdk.tls.server.enableSessionTicketExtension", Boolean.toString(tickets)));
        Path session = dir.resolve("session-" + tickets + ".pem");
        String[] ticketFlag = tickets ? new String[0] : new String[] {"-no_ticket"};
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, false, concat(ticketFlag, "-sess_out", session.toString()));
             EngineOverSocket conn = client.acceptInto(listener, serverEngine(ctx), SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            exchange(conn, client, 3);
            closeAndAwaitExit(conn, client);
            assertTrue(client.output().contains("New, TLSv1.2"), client.describe());
        }
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, false, concat(ticketFlag, "-sess_in", session.toString()));
             EngineOverSocket conn = client.acceptInto(listener, serverEngine(ctx), SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            exchange(conn, client, 4);
            closeAndAwaitExit(conn, client);
            assertTrue(client.output().contains("Reused, TLSv1.2"), client.describe());
        }
    }

    static Stream<Boolean> ticketModes() {
        return Stream.of(true, false);
    }

    /** Our client resumes with s_server (its ticket): the trust manager is not called the second time. */
    @Test
    void customClientResumesWithOpenSslServer() throws Exception {
        RecordingTrustManager tm = new RecordingTrustManager(TestCredentials.shared().trustManager());
        SSLContext ctx = Providers.sslContext(Providers.CUSTOM, "TLS", null, new TrustManager[] {tm}, Map.of());
        try (OpenSslProcess server = startServer(KeyType.EC_P256, 2)) {
            for (int i = 0; i < 2; i++) {
                SSLEngine engine = ctx.createSSLEngine(TestCredentials.HOST, port);
                engine.setUseClientMode(true);
                try (EngineOverSocket conn = connect(server, engine)) {
                    conn.handshake();
                    assertEquals("TLSv1.2", engine.getSession().getProtocol());
                    exchange(conn, server, 5 + i);
                    conn.closeOrderly();
                }
            }
            assertEquals(1, tm.engineCalls(), "the second handshake was resumed without a certificate");
            assertTrue(server.output().contains("Reused session-id"), server.describe());
        }
    }

    private static SSLEngine serverEngine(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        e.setSSLParameters(p);
        return e;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void exchange(EngineOverSocket conn, OpenSslProcess peer, int seed) throws Exception {
        String fromOpenSsl = "O2J-" + seed + "-" + TestData.text(2000, seed) + "\n";
        peer.send(fromOpenSsl);
        byte[] got = conn.read(fromOpenSsl.length());
        assertEquals(fromOpenSsl, new String(got, StandardCharsets.ISO_8859_1), "data from openssl");
        String toOpenSsl = "J2O-" + seed + "-" + TestData.text(3000, seed + 100);
        conn.write((toOpenSsl + "\n").getBytes(StandardCharsets.ISO_8859_1));
        peer.expectOutput(toOpenSsl, WAIT);
    }

    private static void closeAndAwaitExit(EngineOverSocket conn, OpenSslProcess peer) throws Exception {
        conn.closeOrderly();
        assertTrue(peer.awaitExit(WAIT), "openssl should exit after the orderly close; " + peer.describe());
    }

    private static OpenSslProcess startClient(ServerSocket listener, boolean quiet, String... extra)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("s_client",
                "-connect", "127.0.0.1:" + listener.getLocalPort(), "-servername", TestCredentials.HOST,
                "-tls1_2", "-CAfile", caFile.toString(), "-verify_return_error",
                "-verify_hostname", TestCredentials.HOST));
        if (quiet) {
            args.addAll(List.of("-quiet", "-no_ign_eof"));
        }
        args.addAll(List.of(extra));
        return OpenSslProcess.start(args.toArray(new String[0]));
    }

    private static int port;

    private static OpenSslProcess startServer(KeyType type, int accepts, String... extra) throws Exception {
        Path[] files = PemFiles.write(TestCredentials.shared().server(type), dir, "server12-" + type);
        for (int attempt = 0; attempt < 5; attempt++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = probe.getLocalPort();
            }
            List<String> args = new ArrayList<>(List.of("s_server", "-accept", "127.0.0.1:" + port,
                    "-naccept", Integer.toString(accepts), "-tls1_2", "-cert", files[0].toString(),
                    "-key", files[1].toString()));
            args.addAll(List.of(extra));
            OpenSslProcess p = OpenSslProcess.start(args.toArray(new String[0]));
            if (p.awaitOutput("ACCEPT", 1, WAIT)) {
                return p;
            }
            p.close();
        }
        throw new AssertionError("s_server did not start");
    }

    private static EngineOverSocket connect(OpenSslProcess server, SSLEngine engine) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), SOCKET_TIMEOUT_MILLIS);
            return new EngineOverSocket(engine, s, SOCKET_TIMEOUT_MILLIS);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to s_server; " + server.describe(), e);
        }
    }
}
