package dev.customtls.spi.interop;

import dev.customtls.pki.TestPki;
import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * OCSP stapling by a {@code Custom} server (RFC 6066 section 8; RFC 8446 section 4.4.2.1), switched on as in
 * SunJSSE ({@code jdk.tls.server.enableStatusRequestExtension=true}). The responder is a real one,
 * {@code openssl ocsp}, named in the server certificates' Authority Information Access extension and answering
 * from a CA index where one certificate is good and one revoked. Clients: {@code openssl s_client -status},
 * {@code gnutls-cli}, {@code curl --cert-status}, and SunJSSE and {@code Custom} with the JDK's PKIX trust manager requiring revocation status
 * with no source but the staple; TLS 1.3 (the response in the CertificateEntry) and TLS 1.2 (a CertificateStatus
 * message). Also: the cache outlives the responder, a silent responder delays the handshake by at most
 * {@code jdk.tls.stapling.responseTimeout}, and nothing is stapled unless the property is on.
 */
@Timeout(120)
class OcspServerStaplingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int SOCKET_TIMEOUT_MILLIS = 15_000;
    private static final TestPki PKI = TestPki.create("Server Stapling Test CA");
    private static final String ENABLE = "jdk.tls.server.enableStatusRequestExtension";

    @TempDir
    static Path dir;
    private static Path caPem;
    private static Path caKey;
    /** The shared responder and the certificates naming it. */
    private static Responder responder;
    private static TestPki.Credential good;
    private static TestPki.Credential revoked;

    @BeforeAll
    static void startResponder() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OpenSslProcess.binary())), "no openssl binary");
        Path[] ca = PemFiles.write(PKI.ca(), dir, "ca");
        caPem = ca[0];
        caKey = ca[1];
        responder = Responder.start("shared", 0, (port, uri) -> {
            good = PKI.issueWithOcspResponder(KeyType.EC_P256, uri, TestCredentials.HOST);
            revoked = PKI.issueWithOcspResponder(KeyType.EC_P256, uri, TestCredentials.HOST);
            return List.of(indexLine(good.certificate(), false), indexLine(revoked.certificate(), true));
        });
    }

    @AfterAll
    static void stopResponder() {
        if (responder != null) {
            responder.close();
        }
    }

    static List<String> protocols() {
        return List.of("TLSv1.3", "TLSv1.2");
    }

    static List<Arguments> javaClients() {
        List<Arguments> out = new ArrayList<>();
        for (String provider : Providers.configured()) {
            for (String protocol : protocols()) {
                out.add(Arguments.of(provider, protocol));
            }
        }
        return out;
    }

    // ---- openssl s_client -status ----

    @ParameterizedTest(name = "s_client -status, {0}")
    @MethodSource("protocols")
    void openSslClientGetsTheGoodResponse(String protocol) throws Exception {
        String out = sClient(stapling(good, Map.of()), protocol);
        assertTrue(out.contains("OCSP Response Status: successful"), out);
        assertTrue(out.contains("Cert Status: good"), out);
        assertTrue(out.contains("Serial Number: " + serialHex(good.certificate())), out);
    }

    @ParameterizedTest(name = "s_client -status, {0}")
    @MethodSource("protocols")
    void openSslClientGetsTheRevokedResponse(String protocol) throws Exception {
        String out = sClient(stapling(revoked, Map.of()), protocol);
        assertTrue(out.contains("Cert Status: revoked"), out);
        assertTrue(out.contains("Revocation Reason: keyCompromise"), out);
    }

    @Test
    void nothingStapledUnlessEnabled() throws Exception {
        SSLContext off = Providers.sslContext(Providers.CUSTOM, "TLS", TestCredentials.keyManagers(good), null, Map.of());
        for (String protocol : protocols()) {
            String out = sClient(off, protocol);
            assertTrue(out.contains("OCSP response: no response sent"), out);
        }
    }

    /** A context whose responder is gone after one request: later handshakes staple the cached response. */
    @Test
    void cachedResponseOutlivesTheResponder() throws Exception {
        TestPki.Credential[] cert = new TestPki.Credential[1];
        try (Responder once = Responder.start("once", 1, (port, uri) -> {
            cert[0] = PKI.issueWithOcspResponder(KeyType.EC_P256, uri, TestCredentials.HOST);
            return List.of(indexLine(cert[0].certificate(), false));
        })) {
            SSLContext ctx = stapling(cert[0], Map.of());
            String first = sClient(ctx, "TLSv1.3");
            assertTrue(first.contains("Cert Status: good"), first);
            assertTrue(once.process().awaitExit(WAIT), "openssl ocsp -nrequest 1 should exit; " + once.process().describe());
            for (String protocol : List.of("TLSv1.3", "TLSv1.2", "TLSv1.3")) {
                String later = sClient(ctx, protocol);
                assertTrue(later.contains("Cert Status: good"), later);
            }
        }
    }

    /** A responder that accepts and never answers costs the first handshake the response timeout, no more. */
    @Test
    void silentResponderDelaysTheHandshakeByTheTimeoutOnly() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TestPki.Credential cert = PKI.issueWithOcspResponder(KeyType.EC_P256,
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), TestCredentials.HOST);
            SSLContext ctx = stapling(cert, Map.of("jdk.tls.stapling.responseTimeout", "1500"));
            long start = System.nanoTime();
            String out = sClient(ctx, "TLSv1.3");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(out.contains("OCSP response: no response sent"), out);
            assertTrue(ms >= 1400 && ms < 10_000, "the handshake took " + ms + " ms with a 1500 ms timeout");
            // The failure is remembered: the next handshake does not wait again.
            start = System.nanoTime();
            out = sClient(ctx, "TLSv1.2");
            ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(out.contains("OCSP response: no response sent"), out);
            assertTrue(ms < 1400, "the second handshake waited again: " + ms + " ms");
            for (Socket s : held) {
                s.close();
            }
        }
    }

    // ---- curl --cert-status (OpenSSL): the staple must be there and say good ----

    @ParameterizedTest(name = "curl --cert-status, {0}")
    @MethodSource("protocols")
    void curlRequiresAGoodStaple(String protocol) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CURL)), "curl missing");
        OpenSslProcess ok = curl(stapling(good, Map.of()), protocol);
        assertEquals(0, ok.exitValue(), ok.describe());
        assertTrue(ok.awaitOutput("stapled " + protocol, 1, WAIT), ok.describe());
        // CURLE_SSL_INVALIDCERTSTATUS (91): a revoked staple, and none at all.
        OpenSslProcess revokedRun = curl(stapling(revoked, Map.of()), protocol);
        assertEquals(91, revokedRun.exitValue(), revokedRun.describe());
        // The output reader may lag behind the exit.
        assertTrue(revokedRun.awaitOutput("revocation reason: keyCompromise", 1, WAIT), revokedRun.describe());
        OpenSslProcess none = curl(Providers.sslContext(Providers.CUSTOM, "TLS", TestCredentials.keyManagers(good),
                null, Map.of()), protocol);
        assertEquals(91, none.exitValue(), none.describe());
    }

    private static final String CURL = "/usr/bin/curl";

    /** curl GETs from a server engine of {@code ctx}, which answers with one line; returns curl after it exited. */
    private static OpenSslProcess curl(SSLContext ctx, String protocol) throws Exception {
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS)) {
            int port = listener.getLocalPort();
            OpenSslProcess curl = OpenSslProcess.command(List.of(CURL, "-sS", "--max-time", "15", "--http1.1",
                    "--cacert", caPem.toString(), "--cert-status", "--no-alpn",
                    "--resolve", TestCredentials.HOST + ":" + port + ":127.0.0.1",
                    protocol.equals("TLSv1.3") ? "--tlsv1.3" : "--tlsv1.2",
                    "https://" + TestCredentials.HOST + ":" + port + "/"));
            try (EngineOverSocket conn = curl.acceptInto(listener, serverEngine(ctx), SOCKET_TIMEOUT_MILLIS)) {
                conn.handshake();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
                    head.append((char) conn.read(1)[0]);
                }
                String body = "stapled " + protocol + "\n";
                conn.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                        + body).getBytes(StandardCharsets.US_ASCII));
                conn.closeOrderly();
            } catch (IOException refused) {
                // curl checks the staple once the handshake is done, and hangs up when it fails
            }
            assertTrue(curl.awaitExit(WAIT), curl.describe());
            return curl;
        }
    }

    // ---- gnutls-cli ----

    @ParameterizedTest(name = "gnutls-cli, {0}")
    @MethodSource("protocols")
    void gnutlsClientChecksTheStapledResponse(String protocol) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gnutls-cli")), "gnutls-cli missing");
        Path saved = dir.resolve("gnutls-ocsp-" + protocol + ".der");
        Files.deleteIfExists(saved);
        SSLContext ctx = stapling(good, Map.of());
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = OpenSslProcess.command(List.of("/usr/bin/gnutls-cli",
                     "--port=" + listener.getLocalPort(), "--x509cafile=" + caPem,
                     "--verify-hostname=" + TestCredentials.HOST, "--save-ocsp=" + saved,
                     "--priority=NORMAL:-VERS-ALL:+VERS-" + (protocol.equals("TLSv1.3") ? "TLS1.3" : "TLS1.2"),
                     "127.0.0.1"));
             EngineOverSocket conn = client.acceptInto(listener, serverEngine(ctx), SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            echo(conn, client, "gnutls " + protocol);
            // gnutls-cli does not answer a close_notify: the end of its input makes it send its own and exit.
            client.closeInput();
            assertThrows(java.io.EOFException.class, () -> conn.read(1));
            assertTrue(conn.engine().isInboundDone(), "gnutls-cli closed without close_notify; " + client.describe());
            assertTrue(client.awaitExit(WAIT), client.describe());
        }
        assertTrue(Files.exists(saved), "gnutls-cli saved no stapled response");
        SingleResp single = single(Files.readAllBytes(saved));
        assertEquals(good.certificate().getSerialNumber(), single.getCertID().getSerialNumber());
        assertNull(single.getCertStatus(), "good");
    }

    // ---- SunJSSE and Custom clients, revocation required, the staple the only source ----

    @ParameterizedTest(name = "{0} client, {1}")
    @MethodSource("javaClients")
    void javaClientsAcceptTheGoodStaple(String provider, String protocol) throws Exception {
        try (JavaServer server = JavaServer.start(stapling(good, Map.of()));
             EngineOverSocket conn = server.connect(revocationCheckingClient(provider, protocol))) {
            conn.handshake();
            ExtendedSSLSession session = (ExtendedSSLSession) conn.engine().getSession();
            assertEquals(protocol, session.getProtocol());
            List<byte[]> responses = session.getStatusResponses();
            assertFalse(responses.isEmpty(), "no stapled response in the session");
            assertEquals(good.certificate().getSerialNumber(), single(responses.get(0)).getCertID().getSerialNumber());
            conn.write("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping\n", new String(conn.read(5), StandardCharsets.US_ASCII));
            conn.closeOrderly();
            server.awaitDone();
        }
    }

    @ParameterizedTest(name = "{0} client, {1}")
    @MethodSource("javaClients")
    void javaClientsRefuseTheRevokedStaple(String provider, String protocol) throws Exception {
        try (JavaServer server = JavaServer.start(stapling(revoked, Map.of()));
             EngineOverSocket conn = server.connect(revocationCheckingClient(provider, protocol))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
            assertTrue(causes(e).contains("revoked"), () -> "not a revocation failure: " + causes(e));
        }
    }

    /** The same clients against the same server with stapling off: no staple, so no revocation status. */
    @ParameterizedTest(name = "{0} client, {1}")
    @MethodSource("javaClients")
    void javaClientsFailWithoutStapling(String provider, String protocol) throws Exception {
        SSLContext off = Providers.sslContext(Providers.CUSTOM, "TLS", TestCredentials.keyManagers(good), null, Map.of());
        try (JavaServer server = JavaServer.start(off);
             EngineOverSocket conn = server.connect(revocationCheckingClient(provider, protocol))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
            assertTrue(causes(e).contains("revocation") || causes(e).contains("OCSP"),
                    () -> "not a revocation failure: " + causes(e));
        }
    }

    // ---- helpers ----

    /** A {@code Custom} server context for {@code credential} with stapling on (and {@code extra} properties). */
    private static SSLContext stapling(TestPki.Credential credential, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put(ENABLE, "true");
        return Providers.sslContext(Providers.CUSTOM, "TLS", TestCredentials.keyManagers(credential), null, props);
    }

    private static SSLEngine serverEngine(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    /** {@code s_client -status} against a server engine of {@code ctx}; returns its output after an echo and close. */
    private static String sClient(SSLContext ctx, String protocol) throws Exception {
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = OpenSslProcess.start("s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                     "-servername", TestCredentials.HOST, protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2",
                     "-CAfile", caPem.toString(), "-verify_return_error", "-status", "-no_ign_eof");
             EngineOverSocket conn = client.acceptInto(listener, serverEngine(ctx), SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            assertEquals(protocol, conn.engine().getSession().getProtocol());
            echo(conn, client, "s_client " + protocol);
            conn.closeOrderly();
            assertTrue(client.awaitExit(WAIT), client.describe());
            return client.output();
        }
    }

    private static void echo(EngineOverSocket conn, OpenSslProcess client, String text) throws Exception {
        client.send(text + "\n");
        byte[] got;
        try {
            got = conn.read(text.length() + 1);
        } catch (IOException e) {
            throw new AssertionError("no data from the client; " + client.describe(), e);
        }
        assertEquals(text + "\n", new String(got, StandardCharsets.US_ASCII), "from the client");
    }

    /**
     * A client requiring the end entity's revocation status. The certificates name the live responder, which the
     * checker would ask when nothing is stapled; it is pointed at a closed port instead, so the handshake passes
     * only with the staple.
     */
    private static SSLEngine revocationCheckingClient(String provider, String protocol) throws Exception {
        return RevocationCheckingClient.create(provider, protocol, PKI.trustStore(), URI.create("http://127.0.0.1:1/"));
    }

    private static SingleResp single(byte[] der) throws Exception {
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
        return basic.getResponses()[0];
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append(" <- ");
        }
        return sb.toString();
    }

    /** A line of OpenSSL's CA index ({@code openssl ca}'s database, which {@code openssl ocsp -index} reads). */
    private static String indexLine(X509Certificate c, boolean isRevoked) {
        SimpleDateFormat utc = new SimpleDateFormat("yyMMddHHmmss'Z'");
        utc.setTimeZone(TimeZone.getTimeZone("UTC"));
        String revocation = isRevoked ? utc.format(new Date(System.currentTimeMillis() - 3_600_000L)) + ",keyCompromise" : "";
        return (isRevoked ? "R" : "V") + "\t" + utc.format(c.getNotAfter()) + "\t" + revocation + "\t" + serialHex(c)
                + "\tunknown\t/CN=" + TestCredentials.HOST;
    }

    /** A serial number as OpenSSL writes it: upper-case hex of whole bytes. */
    private static String serialHex(X509Certificate c) {
        String hex = c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
        return hex.length() % 2 == 1 ? "0" + hex : hex;
    }

    /** Makes the certificates for a responder at {@code uri} and returns their index lines. */
    @FunctionalInterface
    private interface Issuer {
        List<String> issue(int port, URI uri) throws Exception;
    }

    /** {@code openssl ocsp} as an HTTP responder on a free loopback port, signing with the CA's key. */
    private record Responder(OpenSslProcess process) implements AutoCloseable {
        static Responder start(String name, int requests, Issuer issuer) throws Exception {
            AssertionError last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port;
                try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = probe.getLocalPort();
                }
                List<String> lines = issuer.issue(port, URI.create("http://127.0.0.1:" + port + "/"));
                Path index = dir.resolve("index-" + name + "-" + attempt + ".txt");
                Files.write(index, lines, StandardCharsets.US_ASCII);
                List<String> cmd = new ArrayList<>(List.of(OpenSslProcess.binary(), "ocsp", "-index", index.toString(),
                        "-port", Integer.toString(port), "-rsigner", caPem.toString(), "-rkey", caKey.toString(),
                        "-CA", caPem.toString(), "-nmin", "60"));
                if (requests > 0) {
                    cmd.addAll(List.of("-nrequest", Integer.toString(requests)));
                }
                OpenSslProcess p = OpenSslProcess.command(cmd);
                if (p.awaitOutput("waiting for OCSP client connections", 1, WAIT)) {
                    return new Responder(p);
                }
                last = new AssertionError("openssl ocsp did not start; " + p.describe());
                p.close();
            }
            throw last;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** A {@code Custom} server engine on a loopback socket for one Java client: handshake, echo one line. */
    private static final class JavaServer implements AutoCloseable {
        private final ServerSocket listener;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private JavaServer(SSLContext ctx) throws IOException {
            listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
            Thread t = new Thread(() -> {
                try (Socket s = listener.accept(); EngineOverSocket conn = new EngineOverSocket(serverEngine(ctx), s,
                        SOCKET_TIMEOUT_MILLIS)) {
                    conn.handshake();
                    conn.write(conn.read(5));
                    conn.closeOrderly();
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "stapling server");
            t.setDaemon(true);
            t.start();
        }

        static JavaServer start(SSLContext ctx) throws IOException {
            return new JavaServer(ctx);
        }

        EngineOverSocket connect(SSLEngine client) throws IOException {
            Socket s = new Socket();
            s.connect(listener.getLocalSocketAddress(), SOCKET_TIMEOUT_MILLIS);
            return new EngineOverSocket(client, s, SOCKET_TIMEOUT_MILLIS);
        }

        void awaitDone() throws Exception {
            done.get(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
