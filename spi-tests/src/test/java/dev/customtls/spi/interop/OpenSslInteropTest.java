package dev.customtls.spi.interop;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.NamedGroups;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import dev.customtls.spi.support.TestData;
import dev.customtls.spi.support.TlsWire;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLEngine;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interop with OpenSSL 3.0 over real sockets: {@code openssl s_server -tls1_3} against a JSSE client and
 * {@code openssl s_client -tls1_3} against a JSSE server, both JSSE sides being an {@link SSLEngine} of the
 * provider under test driven over a plain {@link Socket}. Covers each TLS 1.3 suite and group OpenSSL has,
 * each certificate type, HelloRetryRequest, and KeyUpdate in both directions (openssl's {@code k} and
 * {@code K} commands), with data both ways and an orderly close. Each child process is killed in a finally
 * block, and every wait is bounded.
 */
@Timeout(30)
class OpenSslInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final Map<String, String> OPENSSL_GROUP = Map.of(
            NamedGroups.X25519, "X25519", NamedGroups.SECP256R1, "P-256", NamedGroups.SECP384R1, "P-384");
    private static final List<String> SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    private static final List<String> GROUPS = List.of(NamedGroups.X25519, NamedGroups.SECP256R1, NamedGroups.SECP384R1);
    private static final String KEY_UPDATE_SENT = ">>> TLS 1.3, Handshake [length 0005], KeyUpdate";
    private static final String KEY_UPDATE_RECEIVED = "<<< TLS 1.3, Handshake [length 0005], KeyUpdate";

    @TempDir
    static Path dir;
    private static Path caFile;

    @BeforeAll
    static void writeCa() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OpenSslProcess.binary())), "no openssl binary");
        caFile = PemFiles.writeCertificate(TestCredentials.shared().caCertificate(), dir, "ca");
    }

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.configured()) {
            for (String suite : SUITES) {
                for (String group : GROUPS) {
                    out.add(Arguments.of(p, suite, group));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> certTypes() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.configured()) {
            for (KeyType t : KeyType.values()) {
                out.add(Arguments.of(p, t));
            }
        }
        return out.stream();
    }

    static Stream<String> providers() {
        return Providers.configured().stream();
    }

    // ---- JSSE client -> openssl s_server ----

    @ParameterizedTest(name = "{0} client -> s_server, {1}, {2}")
    @MethodSource("suitesAndGroups")
    void jsseClientToOpenSslServer(String provider, String suite, String group) throws Exception {
        SSLEngine engine = EngineBuilder.client(provider).suites(suite).groups(group).build();
        try (OpenSslServer server = OpenSslServer.start(KeyType.EC_P256,
                "-ciphersuites", suite, "-groups", OPENSSL_GROUP.get(group));
             EngineOverSocket conn = server.connect(engine)) {
            conn.handshake();
            assertNegotiated(conn, suite);
            assertEquals(group, NamedGroups.name(TlsWire.finalServerHello(conn.received()).keyShareGroup()),
                    "group in the ServerHello");
            exchange(conn, server.process(), 1);
            closeAndAwaitExit(conn, server.process());
        }
    }

    @ParameterizedTest(name = "{0} client -> s_server with {1} certificate")
    @MethodSource("certTypes")
    void jsseClientAcceptsEachCertificateType(String provider, KeyType type) throws Exception {
        SSLEngine engine = EngineBuilder.client(provider)
                .parameters(p -> p.setEndpointIdentificationAlgorithm("HTTPS")).build();
        try (OpenSslServer server = OpenSslServer.start(type);
             EngineOverSocket conn = server.connect(engine)) {
            conn.handshake();
            assertEquals(TestCredentials.shared().server(type).certificate(),
                    engine.getSession().getPeerCertificates()[0]);
            exchange(conn, server.process(), 2);
            closeAndAwaitExit(conn, server.process());
        }
    }

    /** RFC 8446 section 4.1.4: the server wants P-384, the client shared x25519 first. */
    @ParameterizedTest(name = "{0} client -> s_server -groups P-384")
    @MethodSource("providers")
    void helloRetryRequestFromOpenSslServer(String provider) throws Exception {
        EngineBuilder client = EngineBuilder.client(provider);
        if (Providers.isCustom(provider)) {
            client.groups(NamedGroups.X25519, NamedGroups.SECP256R1, NamedGroups.SECP384R1).keyShares(NamedGroups.X25519);
        }
        SSLEngine engine = client.build();
        try (OpenSslServer server = OpenSslServer.start(KeyType.EC_P256, "-groups", "P-384");
             EngineOverSocket conn = server.connect(engine)) {
            conn.handshake();
            List<TlsWire.ServerHello> hellos = TlsWire.serverHellos(conn.received());
            assertEquals(2, hellos.size(), "HelloRetryRequest + ServerHello: " + hellos);
            assertTrue(hellos.get(0).helloRetryRequest(), "first is a HelloRetryRequest");
            assertEquals(NamedGroups.SECP384R1, NamedGroups.name(hellos.get(0).keyShareGroup()));
            assertEquals(NamedGroups.SECP384R1, NamedGroups.name(hellos.get(1).keyShareGroup()));
            exchange(conn, server.process(), 3);
            closeAndAwaitExit(conn, server.process());
        }
    }

    /** RFC 8446 section 4.6.3: KeyUpdate from s_server, without and with update_requested. */
    @ParameterizedTest(name = "{0} client, s_server sends k and K")
    @MethodSource("providers")
    void keyUpdateFromOpenSslServer(String provider) throws Exception {
        SSLEngine engine = EngineBuilder.client(provider).build();
        try (OpenSslServer server = OpenSslServer.start(KeyType.EC_P256, "-msg");
             EngineOverSocket conn = server.connect(engine)) {
            conn.handshake();
            keyUpdates(conn, server.process());
            closeAndAwaitExit(conn, server.process());
        }
    }

    // ---- openssl s_client -> JSSE server ----

    @ParameterizedTest(name = "s_client -> {0} server, {1}, {2}")
    @MethodSource("suitesAndGroups")
    void openSslClientToJsseServer(String provider, String suite, String group) throws Exception {
        SSLEngine engine = EngineBuilder.server(provider).suites(suite).groups(group).build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, "-ciphersuites", suite, "-groups", OPENSSL_GROUP.get(group));
             EngineOverSocket conn = client.acceptInto(listener, engine, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            assertNegotiated(conn, suite);
            assertEquals(group, NamedGroups.name(TlsWire.finalServerHello(conn.sent()).keyShareGroup()),
                    "group in the ServerHello");
            exchange(conn, client, 4);
            closeAndAwaitExit(conn, client);
        }
    }

    @ParameterizedTest(name = "s_client -> {0} server with {1} certificate")
    @MethodSource("certTypes")
    void openSslClientAcceptsEachCertificateType(String provider, KeyType type) throws Exception {
        SSLEngine engine = EngineBuilder.server(provider)
                .keyManagers(TestCredentials.shared().serverKeyManagers(type)).build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener);
             EngineOverSocket conn = client.acceptInto(listener, engine, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            exchange(conn, client, 5);
            closeAndAwaitExit(conn, client);
        }
    }

    /** s_client shares X25519 only; a server restricted to secp384r1 must send a HelloRetryRequest. */
    @ParameterizedTest(name = "s_client -groups X25519:P-384 -> {0} server wanting secp384r1")
    @MethodSource("providers")
    void helloRetryRequestToOpenSslClient(String provider) throws Exception {
        Providers.require(provider);
        Assumptions.assumeTrue(EngineBuilder.groupsControlled(provider),
                provider + " server groups cannot be restricted per engine on JDK " + Runtime.version().feature());
        SSLEngine engine = EngineBuilder.server(provider).groups(NamedGroups.SECP384R1).build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, "-groups", "X25519:P-384");
             EngineOverSocket conn = client.acceptInto(listener, engine, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            List<TlsWire.ServerHello> hellos = TlsWire.serverHellos(conn.sent());
            assertEquals(2, hellos.size(), "HelloRetryRequest + ServerHello: " + hellos);
            assertTrue(hellos.get(0).helloRetryRequest(), "first is a HelloRetryRequest");
            assertEquals(NamedGroups.SECP384R1, NamedGroups.name(hellos.get(1).keyShareGroup()));
            exchange(conn, client, 6);
            closeAndAwaitExit(conn, client);
        }
    }

    @ParameterizedTest(name = "s_client sends k and K -> {0} server")
    @MethodSource("providers")
    void keyUpdateFromOpenSslClient(String provider) throws Exception {
        SSLEngine engine = EngineBuilder.server(provider).build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, "-msg");
             EngineOverSocket conn = client.acceptInto(listener, engine, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            keyUpdates(conn, client);
            closeAndAwaitExit(conn, client);
        }
    }

    // ---- steps ----

    private static void assertNegotiated(EngineOverSocket conn, String suite) {
        assertEquals("TLSv1.3", conn.engine().getSession().getProtocol());
        assertEquals(suite, conn.engine().getSession().getCipherSuite());
        assertTrue(conn.finishedCount() >= 1, "FINISHED reported");
    }

    /** openssl to JSSE, then JSSE to openssl: a line of pattern text each way, checked on arrival. */
    private static void exchange(EngineOverSocket conn, OpenSslProcess peer, int seed) throws Exception {
        String fromOpenSsl = "O2J-" + seed + "-" + TestData.text(3000, seed) + "\n";
        peer.send(fromOpenSsl);
        byte[] got = conn.read(fromOpenSsl.length());
        assertEquals(fromOpenSsl, new String(got, StandardCharsets.ISO_8859_1), "data from openssl");
        String toOpenSsl = "J2O-" + seed + "-" + TestData.text(5000, seed + 100);
        conn.write((toOpenSsl + "\n").getBytes(StandardCharsets.ISO_8859_1));
        peer.expectOutput(toOpenSsl, WAIT);
    }

    /**
     * {@code k}: openssl updates its sending keys; data from openssl must still decrypt. {@code K}: openssl
     * also requests an update, so the JSSE side must answer with its own KeyUpdate (seen in openssl's
     * {@code -msg} trace) and data must still flow both ways.
     */
    private static void keyUpdates(EngineOverSocket conn, OpenSslProcess peer) throws Exception {
        exchange(conn, peer, 10);
        peer.send("k\n");
        peer.expectOutput(KEY_UPDATE_SENT, 1, WAIT);
        exchange(conn, peer, 11);
        peer.send("K\n");
        peer.expectOutput(KEY_UPDATE_SENT, 2, WAIT);
        exchange(conn, peer, 12);
        peer.expectOutput(KEY_UPDATE_RECEIVED, 1, WAIT);
        exchange(conn, peer, 13);
    }

    private static void closeAndAwaitExit(EngineOverSocket conn, OpenSslProcess peer) throws Exception {
        conn.closeOrderly();
        assertTrue(peer.awaitExit(WAIT), "openssl should exit after the orderly close; " + peer.describe());
    }

    // ---- processes and sockets ----

    private static OpenSslProcess startClient(ServerSocket listener, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("s_client",
                "-connect", "127.0.0.1:" + listener.getLocalPort(), "-servername", TestCredentials.HOST,
                "-tls1_3", "-CAfile", caFile.toString(), "-verify_return_error",
                "-verify_hostname", TestCredentials.HOST, "-quiet", "-no_ign_eof"));
        args.addAll(List.of(extra));
        return OpenSslProcess.start(args.toArray(new String[0]));
    }

    /** An {@code openssl s_server} on a free loopback port, serving one connection. */
    private record OpenSslServer(OpenSslProcess process, int port) implements AutoCloseable {

        static OpenSslServer start(KeyType type, String... extra) throws Exception {
            Path[] files = PemFiles.write(TestCredentials.shared().server(type), dir, "server-" + type);
            AssertionError last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = Loopback.freePort();
                List<String> args = new ArrayList<>(List.of("s_server",
                        "-accept", "127.0.0.1:" + port, "-naccept", "1", "-tls1_3",
                        "-cert", files[0].toString(), "-key", files[1].toString()));
                args.addAll(List.of(extra));
                OpenSslProcess p = OpenSslProcess.start(args.toArray(new String[0]));
                if (p.awaitOutput("ACCEPT", 1, WAIT)) {
                    return new OpenSslServer(p, port);
                }
                last = new AssertionError("s_server did not start; " + p.describe());
                p.close();
            }
            throw last;
        }

        EngineOverSocket connect(SSLEngine engine) throws IOException {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), SOCKET_TIMEOUT_MILLIS);
                return new EngineOverSocket(engine, s, SOCKET_TIMEOUT_MILLIS);
            } catch (IOException e) {
                s.close();
                throw new IOException("cannot connect to s_server; " + process.describe(), e);
            }
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
