package dev.customtls.spi.interop;

import dev.customtls.pki.TestPki;
import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.Providers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * OCSP stapling, client side (RFC 6066 section 8; RFC 8446 section 4.4.2.1): {@code openssl s_server -status_file}
 * staples a fixed OCSP response, signed by the test CA; the client's trust manager is the JDK's PKIX one with
 * revocation checking on and no other source of revocation data (end entity only, no CRL fallback, no responder
 * in the certificate). So the handshake succeeds only when the client asked for the staple, received it and
 * handed it to the trust manager through the handshake session, which is what SunJSSE does: a good response
 * passes, a revoked one and a missing one fail. TLS 1.3 (the response in the CertificateEntry) and TLS 1.2 (a
 * CertificateStatus message). {@code gnutls-serv --ocsp-response} staples too.
 */
@Timeout(60)
class OcspStaplingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final TestPki PKI = TestPki.create("OCSP Stapling Test CA");
    private static final TestPki.Credential SERVER = PKI.issue(KeyType.EC_P256, "localhost");

    @TempDir
    static Path dir;
    private static final String GNUTLS_SERV = "/usr/bin/gnutls-serv";
    private static Path[] serverFiles;
    private static Path gnutlsKey;
    private static Path good;
    private static Path revoked;

    @BeforeAll
    static void files() throws Exception {
        serverFiles = PemFiles.write(SERVER, dir, "server");
        gnutlsKey = PemFiles.sec1(serverFiles[1], dir.resolve("server-key-sec1.pem"));
        good = Files.write(dir.resolve("good.der"), CaSignedOcspResponses.response(PKI, SERVER.certificate(), false));
        revoked = Files.write(dir.resolve("revoked.der"), CaSignedOcspResponses.response(PKI, SERVER.certificate(), true));
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String provider : Providers.configured()) {
            out.add(Arguments.of(provider, "TLSv1.3"));
            out.add(Arguments.of(provider, "TLSv1.2"));
        }
        return out;
    }

    /** A second stapling server: {@code gnutls-serv --ocsp-response} (TLS 1.3 and 1.2). */
    static List<Arguments> gnutlsCases() {
        return cases();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("gnutlsCases")
    void gnutlsStapledResponses(String provider, String protocol) throws Exception {
        try (Server server = startGnuTls(protocol, good);
             EngineOverSocket conn = connect(server, client(provider, protocol))) {
            conn.handshake();
            List<byte[]> responses = ((ExtendedSSLSession) conn.engine().getSession()).getStatusResponses();
            assertFalse(responses.isEmpty(), "no stapled response in the session");
            assertArrayEquals(Files.readAllBytes(good), responses.get(0), "the stapled response");
            conn.closeOrderly();
        }
        try (Server server = startGnuTls(protocol, revoked);
             EngineOverSocket conn = connect(server, client(provider, protocol))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
            assertTrue(causes(e).contains("revoked"), () -> "not a revocation failure: " + causes(e));
        }
    }

    private static Server startGnuTls(String protocol, Path response) throws Exception {
        assertTrue(Files.isExecutable(Path.of(GNUTLS_SERV)), GNUTLS_SERV + " missing (apt-get install gnutls-bin)");
        return onFreePort("gnutls-serv", "...done", port -> List.of(GNUTLS_SERV, "--echo", "--port=" + port,
                "--x509certfile=" + serverFiles[0], "--x509keyfile=" + gnutlsKey, "--disable-client-cert",
                // gnutls-serv refuses to load a response that says "revoked" unless told to ignore that.
                "--ocsp-response=" + response, "--ignore-ocsp-response-errors",
                "--priority=NORMAL:-VERS-ALL:+VERS-" + (protocol.equals("TLSv1.3") ? "TLS1.3" : "TLS1.2")));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void goodStapledResponsePasses(String provider, String protocol) throws Exception {
        try (Server server = startServer(protocol, "-status_file", good.toString());
             EngineOverSocket conn = connect(server, client(provider, protocol))) {
            conn.handshake();
            ExtendedSSLSession session = (ExtendedSSLSession) conn.engine().getSession();
            assertEquals(protocol, session.getProtocol());
            List<byte[]> responses = session.getStatusResponses();
            assertFalse(responses.isEmpty(), "no stapled response in the session");
            assertArrayEquals(Files.readAllBytes(good), responses.get(0), "the stapled response");
            conn.write("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            conn.closeOrderly();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void revokedStapledResponseFails(String provider, String protocol) throws Exception {
        try (Server server = startServer(protocol, "-status_file", revoked.toString());
             EngineOverSocket conn = connect(server, client(provider, protocol))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
            assertTrue(causes(e).contains("revoked"), () -> "not a revocation failure: " + causes(e));
            if (Providers.isCustom(provider)) {
                // RFC 8446 section 4.4.2.4 / SunJSSE: a stapled response that fails the certificate.
                assertTrue(e.getMessage().contains("bad_certificate_status_response"), e::getMessage);
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void noStapledResponseFails(String provider, String protocol) throws Exception {
        try (Server server = startServer(protocol);
             EngineOverSocket conn = connect(server, client(provider, protocol))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
            assertTrue(causes(e).contains("revocation") || causes(e).contains("OCSP"),
                    () -> "not a revocation failure: " + causes(e));
        }
    }

    /** {@code jdk.tls.client.enableStatusRequestExtension=false}: no status_request, so nothing is stapled. */
    @Test
    void customSendsNoStatusRequestWhenDisabled() throws Exception {
        String key = "jdk.tls.client.enableStatusRequestExtension";
        String before = System.getProperty(key);
        SSLEngine engine;
        System.setProperty(key, "false");
        try {
            engine = client(Providers.CUSTOM, "TLSv1.3"); // Custom reads it at SSLContext.init
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
        try (Server server = startServer("TLSv1.3", "-status_file", good.toString());
             EngineOverSocket conn = connect(server, engine)) {
            assertThrows(SSLHandshakeException.class, conn::handshake);
            assertFalse(hasStatusRequest(conn.sent()), "status_request sent although disabled");
        }
    }

    /** A client engine whose trust manager requires revocation status for the server's certificate. */
    private static SSLEngine client(String provider, String protocol) throws Exception {
        return RevocationCheckingClient.create(provider, protocol, PKI.trustStore(), null);
    }


    /** An {@code openssl s_server} for one connection and its port. */
    private record Server(OpenSslProcess process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    private static Server startServer(String protocol, String... extra) throws Exception {
        return onFreePort("s_server", "ACCEPT", port -> {
            List<String> args = new ArrayList<>(List.of(OpenSslProcess.binary(), "s_server", "-accept",
                    "127.0.0.1:" + port, "-naccept", "1", protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2",
                    "-cert", serverFiles[0].toString(), "-key", serverFiles[1].toString(), "-msg"));
            args.addAll(List.of(extra));
            return args;
        });
    }

    /** Starts a server on a free loopback port, again on another one when it does not print {@code ready}. */
    private static Server onFreePort(String what, String ready, java.util.function.IntFunction<List<String>> command)
            throws Exception {
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = s.getLocalPort();
            }
            OpenSslProcess p = OpenSslProcess.command(command.apply(port));
            if (p.awaitOutput(ready, 1, WAIT)) {
                return new Server(p, port);
            }
            last = new AssertionError(what + " did not start; " + p.describe());
            p.close();
        }
        throw last;
    }

    private static EngineOverSocket connect(Server server, SSLEngine engine) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), SOCKET_TIMEOUT_MILLIS);
            return new EngineOverSocket(engine, s, SOCKET_TIMEOUT_MILLIS);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to s_server; " + server.process().describe(), e);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append(" <- ");
        }
        return sb.toString();
    }

    /** Whether the ClientHello (the first handshake message of {@code fromClient}) carries status_request (5). */
    private static boolean hasStatusRequest(byte[] fromClient) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(
                dev.customtls.spi.support.TlsWire.plaintextHandshake(fromClient).get(0).body());
        b.position(2 + 32);
        b.position(b.position() + 1 + (b.get(b.position()) & 0xff)); // legacy_session_id
        b.position(b.position() + 2 + (b.getShort(b.position()) & 0xffff)); // cipher_suites
        b.position(b.position() + 1 + (b.get(b.position()) & 0xff)); // legacy_compression_methods
        int end = b.position() + 2 + (b.getShort() & 0xffff);
        while (b.position() + 4 <= end) {
            int type = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            if (type == 5) {
                return true;
            }
            b.position(b.position() + length);
        }
        return false;
    }
}
