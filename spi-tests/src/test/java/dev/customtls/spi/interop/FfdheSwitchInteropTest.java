package dev.customtls.spi.interop;

import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.Providers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SunJSSE's {@code jsse.enableFFDHE} against OpenSSL 3.0: {@code s_client -groups ffdhe2048} (TLS 1.3, RFC 7919)
 * connects to a {@code Custom} server by default, and is refused (handshake_failure) by one with the property
 * {@code false}.
 */
@Timeout(60)
class FfdheSwitchInteropTest {
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static OpenSslFiles files;

    @BeforeAll
    static void files() throws IOException {
        files = OpenSslFiles.write(dir);
    }

    @ParameterizedTest(name = "jsse.enableFFDHE {0}")
    @ValueSource(booleans = {true, false})
    void openSslClientOfferingOnlyFfdhe(boolean enabled) throws Exception {
        EngineBuilder b = EngineBuilder.server(Providers.CUSTOM);
        if (!enabled) {
            b.property("jsse.enableFFDHE", "false");
        }
        SSLEngine server = b.build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = OpenSslProcess.command(List.of(OpenSslProcess.binary(), "s_client",
                     "-connect", "127.0.0.1:" + listener.getLocalPort(), "-tls1_3", "-groups", "ffdhe2048",
                     "-CAfile", files.caFile().toString(), "-verify_return_error", "-no_ign_eof"));
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            if (enabled) {
                conn.handshake();
                assertEquals("TLSv1.3", server.getSession().getProtocol());
                OpenSslServer.exchangeLines(conn, client);
                assertTrue(client.output().contains("Server Temp Key: DH, 2048 bits")
                        || client.output().contains("ffdhe2048"), client.describe());
                conn.closeOrderly();
            } else {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, conn::handshake);
                assertTrue(e.getMessage().contains("group"), e.getMessage());
                conn.sendPendingAlert();
                assertTrue(client.awaitExit(WAIT), client.describe());
                assertTrue(client.output().contains("alert handshake failure"), client.describe());
            }
        }
    }
}
