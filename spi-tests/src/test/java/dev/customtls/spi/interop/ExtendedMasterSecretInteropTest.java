package dev.customtls.spi.interop;

import dev.customtls.jsse.KeyingMaterialExportable;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLKeyException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The TLS 1.2 extended master secret (RFC 7627) against OpenSSL 3.0 with it switched on (the default) and off
 * ({@code Options = -ExtendedMasterSecret} in an {@code OPENSSL_CONF} file).
 * <ul>
 *   <li>Exporters (RFC 7627 section 5.4: without it, key material must not be exported, as a man in the middle
 *   may share the master secret): with it, {@code Custom} exports what {@code -keymatexport} prints; without it
 *   the connection works but {@code Custom} refuses to export (SSLKeyException, as SunJSSE 25), while OpenSSL,
 *   which does not apply that rule, still exports. The interop matrix's exporter rows cover TLS 1.3 and the
 *   other peers.</li>
 *   <li>SunJSSE's switches: {@code jdk.tls.allowLegacyMasterSecret=false} makes {@code Custom} end the
 *   handshake with an OpenSSL that does not use it (handshake_failure, sections 5.2 and 5.3);
 *   {@code jdk.tls.useExtendedMasterSecret=false} makes it leave the extension out (s_client reports none).</li>
 * </ul>
 */
@Timeout(60)
class ExtendedMasterSecretInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final String LABEL = "EXPERIMENTAL-customtls-ems";
    private static final int LENGTH = 24;

    @TempDir
    static Path dir;
    private static OpenSslFiles files;
    private static Path withoutEms;

    @BeforeAll
    static void files() throws IOException {
        files = OpenSslFiles.write(dir);
        withoutEms = Files.writeString(dir.resolve("no-ems.cnf"), String.join("\n",
                "openssl_conf = openssl_init",
                "[openssl_init]",
                "ssl_conf = ssl_section",
                "[ssl_section]",
                "system_default = system_default_section",
                "[system_default_section]",
                "Options = -ExtendedMasterSecret",
                ""));
    }

    private static Map<String, String> environment(boolean ems) {
        return ems ? Map.of() : Map.of("OPENSSL_CONF", withoutEms.toString());
    }

    @ParameterizedTest(name = "s_client -> Custom server, extended master secret {0}")
    @ValueSource(booleans = {true, false})
    void customServer(boolean ems) throws Exception {
        SSLEngine server = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.2").build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS)) {
            try (OpenSslProcess client = startClient(listener, ems, "-servername", TestCredentials.HOST,
                    "-verify_return_error", "-no_ign_eof", "-keymatexport", LABEL,
                    "-keymatexportlen", Integer.toString(LENGTH));
                 EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
                conn.handshake();
                OpenSslServer.exchangeLines(conn, client);
                String out = client.output();
                assertTrue(out.contains("Extended master secret: " + (ems ? "yes" : "no")), out);
                check(server, openSslExport(client), ems);
                conn.closeOrderly();
                assertTrue(client.awaitExit(WAIT), client.describe());
            }
        }
    }

    @ParameterizedTest(name = "s_server -> Custom client, extended master secret {0}")
    @ValueSource(booleans = {true, false})
    void customClient(boolean ems) throws Exception {
        SSLEngine client = EngineBuilder.client(Providers.CUSTOM).protocols("TLSv1.2")
                .peer(TestCredentials.HOST, 443).build();
        try (OpenSslServer server = startServer(ems);
             EngineOverSocket conn = server.connect(client, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            OpenSslServer.exchangeLines(conn, server.process());
            check(client, openSslExport(server.process()), ems);
            conn.closeOrderly();
        }
    }

    @Test
    void requiringServerRefusesOpenSslWithout() throws Exception {
        SSLEngine server = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.2")
                .property("jdk.tls.allowLegacyMasterSecret", "false").build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, false);
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
            assertTrue(e.getMessage().contains("extended master secret"), e.getMessage());
            conn.sendPendingAlert();
            assertTrue(client.awaitExit(WAIT), client.describe());
            assertTrue(client.output().contains("alert handshake failure"), client.describe());
        }
    }

    @Test
    void requiringClientRefusesOpenSslWithout() throws Exception {
        SSLEngine client = EngineBuilder.client(Providers.CUSTOM).protocols("TLSv1.2")
                .property("jdk.tls.allowLegacyMasterSecret", "false").peer(TestCredentials.HOST, 443).build();
        try (OpenSslServer server = startServer(false)) {
            try (EngineOverSocket conn = server.connect(client, SOCKET_TIMEOUT_MILLIS)) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
                assertTrue(e.getMessage().contains("extended master secret"), e.getMessage());
                conn.sendPendingAlert();
            }
            server.process().expectOutput("alert handshake failure", WAIT);
        }
    }

    @Test
    void switchedOffServerLeavesItOut() throws Exception {
        SSLEngine server = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.2")
                .property("jdk.tls.useExtendedMasterSecret", "false").build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = startClient(listener, true, "-verify_return_error", "-no_ign_eof");
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            OpenSslServer.exchangeLines(conn, client);
            assertTrue(client.output().contains("Extended master secret: no"), client.describe());
            assertThrows(SSLKeyException.class, () -> ((KeyingMaterialExportable) server.getSession())
                    .exportKeyingMaterialData(LABEL, null, LENGTH));
            conn.closeOrderly();
            assertTrue(client.awaitExit(WAIT), client.describe());
        }
    }

    /** With the extended master secret, the same bytes as OpenSSL; without it, SSLKeyException. */
    private static void check(SSLEngine engine, String openSsl, boolean ems) throws Exception {
        assertEquals("TLSv1.2", engine.getSession().getProtocol());
        KeyingMaterialExportable session = (KeyingMaterialExportable) engine.getSession();
        if (ems) {
            assertEquals(openSsl, HexFormat.of().formatHex(session.exportKeyingMaterialData(LABEL, null, LENGTH)));
        } else {
            SSLKeyException e = assertThrows(SSLKeyException.class,
                    () -> session.exportKeyingMaterialData(LABEL, null, LENGTH));
            assertTrue(e.getMessage().contains("extended master secret"), e.getMessage());
            assertThrows(SSLKeyException.class, () -> session.exportKeyingMaterialKey("AES", LABEL, null, 16));
        }
    }

    /** What OpenSSL printed after "Keying material: ", lower case. */
    private static String openSslExport(OpenSslProcess peer) throws InterruptedException {
        return peer.valueAfter("Keying material: ", WAIT).toLowerCase(Locale.ROOT);
    }

    /** {@code s_client -tls1_2} to {@code listener}, trusting the test CA, with or without the extended master secret. */
    private static OpenSslProcess startClient(ServerSocket listener, boolean ems, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(OpenSslProcess.binary(), "s_client",
                "-connect", "127.0.0.1:" + listener.getLocalPort(), "-tls1_2", "-CAfile", files.caFile().toString()));
        cmd.addAll(List.of(extra));
        return OpenSslProcess.command(cmd, environment(ems));
    }

    /** {@code s_server -tls1_2} exporting on its connection. */
    private static OpenSslServer startServer(boolean ems) throws Exception {
        return OpenSslServer.start(List.of("-naccept", "1", "-tls1_2",
                "-cert", files.serverCertificate().toString(), "-key", files.serverKey().toString(),
                "-keymatexport", LABEL, "-keymatexportlen", Integer.toString(LENGTH)), environment(ems));
    }
}
