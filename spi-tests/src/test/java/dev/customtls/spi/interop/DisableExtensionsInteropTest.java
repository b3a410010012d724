package dev.customtls.spi.interop;

import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.Providers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SunJSSE's {@code jdk.tls.client.disableExtensions} / {@code jdk.tls.server.disableExtensions} against OpenSSL
 * 3.0, each case also without the property, so that what OpenSSL reports is shown to change:
 * <ul>
 *   <li>a {@code Custom} client leaves the disabled extensions out of its ClientHello, as {@code s_server -trace}
 *   prints it, sends the renegotiation signalling suite instead of renegotiation_info, and connects;</li>
 *   <li>a {@code Custom} TLS 1.2 server ignores a client's server_name, ALPN, extended_master_secret and
 *   session_ticket when it disables them: {@code s_client} reports no ALPN, no extended master secret and no
 *   ticket; without renegotiation_info it answers neither the extension nor the signalling suite, and
 *   {@code s_client} (OpenSSL 3.0 refuses servers without secure renegotiation) ends the handshake;</li>
 *   <li>a {@code Custom} TLS 1.3 server that disables pre_shared_key sends {@code s_client} no NewSessionTicket.</li>
 * </ul>
 */
@Timeout(60)
class DisableExtensionsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final String HOST = "www.example.com";
    /** How {@code -trace} (OpenSSL 3.0) names each extension a Custom client sends by default. */
    private static final List<String> CLIENT_DISABLED = List.of("extension_type=server_name(0)",
            "extension_type=status_request(5)", "extension_type=extended_master_secret(23)",
            "extension_type=session_ticket(35)", "extension_type=renegotiate(65281)");
    private static final String SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

    @TempDir
    static Path dir;
    private static OpenSslFiles files;

    @BeforeAll
    static void files() throws IOException {
        files = OpenSslFiles.write(dir);
    }

    @ParameterizedTest(name = "Custom client -> s_server, extensions disabled: {0}")
    @ValueSource(booleans = {false, true})
    void customClient(boolean disabled) throws Exception {
        EngineBuilder b = EngineBuilder.client(Providers.CUSTOM).protocols("TLSv1.3", "TLSv1.2").peer(HOST, 443);
        if (disabled) {
            b.property("jdk.tls.client.disableExtensions",
                    "server_name,status_request,extended_master_secret,session_ticket,renegotiation_info");
        }
        SSLEngine client = b.build();
        try (OpenSslServer server = OpenSslServer.start(List.of("-naccept", "1", "-trace",
                "-cert", files.serverCertificate().toString(), "-key", files.serverKey().toString()), Map.of());
             EngineOverSocket conn = server.connect(client, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            assertEquals("TLSv1.3", client.getSession().getProtocol());
            OpenSslServer.exchangeLines(conn, server.process());
            String out = server.process().output();
            int start = out.indexOf("ClientHello");
            int end = out.indexOf("ServerHello", start);
            assertTrue(start >= 0 && end > start, server.process().describe());
            String hello = out.substring(start, end);
            for (String extension : CLIENT_DISABLED) {
                assertEquals(!disabled, hello.contains(extension), extension + " in\n" + hello);
            }
            assertTrue(hello.contains("extension_type=key_share(51)"), hello);
            assertEquals(disabled, hello.contains(SCSV), hello);
            conn.closeOrderly();
        }
    }

    @ParameterizedTest(name = "s_client -> Custom TLS 1.2 server, extensions disabled: {0}")
    @ValueSource(booleans = {false, true})
    void customTls12Server(boolean disabled) throws Exception {
        EngineBuilder b = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.2")
                .parameters(p -> p.setApplicationProtocols(new String[] {"h2"}));
        if (disabled) {
            b.property("jdk.tls.server.disableExtensions", "server_name, application_layer_protocol_negotiation,"
                    + "extended_master_secret,session_ticket");
        }
        SSLEngine server = b.build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, "-tls1_2", "-alpn", "h2");
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            OpenSslServer.exchangeLines(conn, client);
            String out = client.output();
            assertTrue(out.contains("Extended master secret: " + (disabled ? "no" : "yes")), client.describe());
            assertTrue(out.contains(disabled ? "No ALPN negotiated" : "ALPN protocol: h2"), client.describe());
            assertEquals(!disabled, out.contains("TLS session ticket:"), client.describe());
            assertTrue(out.contains("Secure Renegotiation IS supported"), client.describe());
            assertEquals(disabled ? List.of() : List.of(new SNIHostName(HOST)),
                    ((ExtendedSSLSession) server.getSession()).getRequestedServerNames());
            assertEquals(disabled ? "" : "h2", server.getApplicationProtocol());
            conn.closeOrderly();
            assertTrue(client.awaitExit(WAIT), client.describe());
        }
    }

    @Test
    void tls12ServerWithoutRenegotiationInfoIsRefusedByOpenSsl3() throws Exception {
        // s_client sends the signalling suite and the extension; the server answers neither, and OpenSSL 3.0
        // refuses a server without secure renegotiation (RFC 5746) unless told otherwise.
        SSLEngine server = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.2")
                .property("jdk.tls.server.disableExtensions", "renegotiation_info").build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, "-tls1_2");
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            assertThrows(SSLHandshakeException.class, conn::handshake);
            assertTrue(client.awaitExit(WAIT), client.describe());
            assertTrue(client.output().contains("unsafe legacy renegotiation disabled"), client.describe());
        }
    }

    @ParameterizedTest(name = "s_client -> Custom TLS 1.3 server, pre_shared_key disabled: {0}")
    @ValueSource(booleans = {false, true})
    void customTls13ServerWithoutPsk(boolean disabled) throws Exception {
        EngineBuilder b = EngineBuilder.server(Providers.CUSTOM);
        if (disabled) {
            b.property("jdk.tls.server.disableExtensions", "pre_shared_key");
        }
        SSLEngine server = b.build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, "-tls1_3", "-trace");
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            OpenSslServer.exchangeLines(conn, client); // the tickets come before this data
            conn.closeOrderly();
            assertTrue(client.awaitExit(WAIT), client.describe());
            // s_client buffers its trace until it exits.
            String out = client.output();
            assertTrue(out.contains("ClientHello") && out.contains("Finished"), client.describe());
            assertEquals(!disabled, out.contains("NewSessionTicket"), client.describe());
        }
    }

    /** {@code s_client} to {@code listener} with SNI, trusting the test CA. */
    private static OpenSslProcess startClient(ServerSocket listener, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(OpenSslProcess.binary(), "s_client",
                "-connect", "127.0.0.1:" + listener.getLocalPort(), "-servername", HOST, "-CAfile", files.caFile().toString(),
                "-verify_return_error", "-no_ign_eof"));
        cmd.addAll(List.of(extra));
        return OpenSslProcess.command(cmd);
    }
}
