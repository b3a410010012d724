package dev.customtls.spi.interop;

import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.Providers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SunJSSE's {@code jdk.tls.client.useCompatibilityMode} against OpenSSL 3.0 ({@code s_server -trace}): a
 * {@code Custom} client in middlebox compatibility mode (the default, RFC 8446 appendix D.4) sends a 32-byte
 * legacy_session_id and a change_cipher_spec; with the property {@code false} the session id is empty and it
 * sends none. OpenSSL's server sends its own change_cipher_spec either way, which the client drops (RFC 8446
 * section 5). The connection works both ways.
 */
@Timeout(60)
class CompatibilityModeInteropTest {
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static OpenSslFiles files;

    @BeforeAll
    static void files() throws IOException {
        files = OpenSslFiles.write(dir);
    }

    /** The change_cipher_spec records in {@code -trace} output that {@code direction} ("Sent Record", ...) heads. */
    private static int changeCipherSpecs(String trace, String direction) {
        int n = 0;
        String[] blocks = trace.split("(?=(Sent|Received) Record)");
        for (String block : blocks) {
            if (block.startsWith(direction) && block.contains("Content Type = ChangeCipherSpec (20)")) {
                n++;
            }
        }
        return n;
    }

    private static String ccsLines(String trace) {
        StringBuilder b = new StringBuilder();
        for (String block : trace.split("(?=(Sent|Received) Record)")) {
            if (block.contains("ChangeCipherSpec") || block.contains("ClientHello") || block.contains("ServerHello")) {
                b.append(block, 0, Math.min(block.length(), 600)).append("\n---\n");
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "compatibility mode {0}")
    @ValueSource(booleans = {true, false})
    void customClientToOpenSsl(boolean compatible) throws Exception {
        EngineBuilder b = EngineBuilder.client(Providers.CUSTOM).peer("www.example.com", 443);
        if (!compatible) {
            b.property("jdk.tls.client.useCompatibilityMode", "false");
        }
        SSLEngine client = b.build();
        try (OpenSslServer server = OpenSslServer.start(List.of("-naccept", "1", "-tls1_3", "-trace",
                "-cert", files.serverCertificate().toString(), "-key", files.serverKey().toString()), Map.of());
             EngineOverSocket conn = server.connect(client, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            OpenSslServer.exchangeLines(conn, server.process());
            conn.closeOrderly();
            assertTrue(server.process().awaitExit(WAIT), server.process().describe());
            String out = server.process().output();
            assertEquals(compatible, out.contains("session_id (len=32)"), server.process().describe());
            assertEquals(!compatible, out.contains("session_id (len=0)"), server.process().describe());
            // Ours: one change_cipher_spec in compatibility mode, none without. OpenSSL's server sends its own
            // either way (its middlebox option), which a TLS 1.3 client drops (RFC 8446 section 5).
            assertEquals(compatible ? 1 : 0, changeCipherSpecs(out, "Received Record"), ccsLines(out));
            assertEquals(1, changeCipherSpecs(out, "Sent Record"), ccsLines(out));
        }
    }
}
