package dev.customtls.spi.interop;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.IssuerRecordingKeyManager;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The CAs a server names in its CertificateRequest (TLS 1.3 certificate_authorities, RFC 8446 section 4.2.4; the
 * TLS 1.2 list, RFC 5246 section 7.4.4), with OpenSSL 3.0 on the other side: {@code s_client} prints the names a
 * {@code Custom} server sends (its trust manager's CAs, as SunJSSE sends them), and a {@code Custom} client hands
 * the names {@code s_server -CAfile} sends to its key manager.
 */
@Timeout(60)
class ClientCaNamesInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path dir;
    private static Path caFile;
    private static Path[] clientFiles;
    private static Path[] serverFiles;

    @BeforeAll
    static void files() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OpenSslProcess.binary())), "no openssl binary");
        TestCredentials creds = TestCredentials.shared();
        caFile = PemFiles.writeCertificate(creds.caCertificate(), dir, "ca");
        clientFiles = PemFiles.write(creds.client(), dir, "client");
        serverFiles = PemFiles.write(creds.server(KeyType.EC_P256), dir, "server");
    }

    private static String flag(String protocol) {
        return protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2";
    }

    @ParameterizedTest(name = "s_client -> Custom server, {0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void openSslClientSeesTheCasCustomAccepts(String protocol) throws Exception {
        SSLEngine server = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.3", "TLSv1.2")
                .parameters(p -> p.setNeedClientAuth(true)).build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = OpenSslProcess.start("s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                     "-servername", TestCredentials.HOST, flag(protocol), "-CAfile", caFile.toString(),
                     "-verify_return_error", "-cert", clientFiles[0].toString(), "-key", clientFiles[1].toString(),
                     "-no_ign_eof");
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            assertEquals(protocol, server.getSession().getProtocol());
            assertEquals(TestCredentials.shared().client().certificate(), server.getSession().getPeerCertificates()[0]);
            client.send("names\n");
            assertEquals("names\n", new String(conn.read(6), StandardCharsets.US_ASCII));
            conn.closeOrderly();
            assertTrue(client.awaitExit(WAIT), client.describe());
            String out = client.output();
            int at = out.indexOf("Acceptable client certificate CA names");
            assertTrue(at >= 0, out);
            String names = out.substring(at, Math.min(out.length(), at + 200));
            assertTrue(names.contains("CN = Custom SPI test CA") || names.contains("CN=Custom SPI test CA"), names);
        }
    }

    @ParameterizedTest(name = "s_server -> Custom client, {0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void customClientHandsOpenSslsCasToItsKeyManager(String protocol) throws Exception {
        TestCredentials creds = TestCredentials.shared();
        IssuerRecordingKeyManager recording =
                new IssuerRecordingKeyManager((X509ExtendedKeyManager) creds.clientKeyManagers()[0]);
        SSLEngine client = EngineBuilder.client(Providers.CUSTOM).keyManagers(new KeyManager[] {recording})
                .protocols(protocol).peer(TestCredentials.HOST, 443).build();
        int[] port = new int[1];
        try (OpenSslProcess server = startServer(protocol, port)) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port[0]), SOCKET_TIMEOUT_MILLIS);
            try (EngineOverSocket conn = new EngineOverSocket(client, s, SOCKET_TIMEOUT_MILLIS)) {
                conn.handshake();
                assertEquals(protocol, client.getSession().getProtocol());
                conn.write("names\n".getBytes(StandardCharsets.US_ASCII));
                server.expectOutput("names", WAIT);
                conn.closeOrderly();
            }
        }
        List<List<Principal>> seen = recording.issuers();
        assertFalse(seen.isEmpty(), "the key manager was not asked");
        assertEquals(List.of(creds.caCertificate().getSubjectX500Principal()), seen.get(0));
    }

    /** {@code s_server} asking for a client certificate and naming the CA of {@code -CAfile}; retried on a port race. */
    private static OpenSslProcess startServer(String protocol, int[] port) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            port[0] = Loopback.freePort();
            OpenSslProcess p = OpenSslProcess.start("s_server", "-accept", "127.0.0.1:" + port[0], "-naccept", "1",
                    flag(protocol), "-cert", serverFiles[0].toString(), "-key", serverFiles[1].toString(),
                    "-Verify", "1", "-CAfile", caFile.toString());
            if (p.awaitOutput("ACCEPT", 1, WAIT)) {
                return p;
            }
            p.close();
        }
        throw new AssertionError("s_server did not start");
    }
}
