package dev.customtls.spi.interop;

import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.Providers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The security property {@code jdk.tls.keyLimits} against OpenSSL 3.0 (TLS 1.3 KeyUpdate, RFC 8446 section
 * 4.6.3), with a limit of 2^14 bytes per traffic key, seen in OpenSSL's {@code -trace}: a {@code Custom} client
 * that sends 160 KB replaces its key about ten times ({@code s_server} reads KeyUpdates without
 * update_requested); a {@code Custom} server that reads four parts of 40 KB from {@code s_client} asks it for a
 * KeyUpdate in each (update_requested; once per key of the peer, so once a part, as s_client answers only when
 * it writes the next), and {@code s_client} answers each with its own KeyUpdate. The data arrives whole.
 */
@Timeout(60)
class KeyLimitsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final String LIMIT = "AES/GCM/NoPadding KeyUpdate 2^14";
    /** 2,000 lines of 80 bytes: 160 KB, about ten keys' worth at 2^14 bytes each. */
    private static final int LINES = 2000;
    /** The server test sends the lines in this many parts, each above the limit. */
    private static final int ROUNDS = 4;

    @TempDir
    static Path dir;
    private static OpenSslFiles files;

    @BeforeAll
    static void files() throws IOException {
        files = OpenSslFiles.write(dir);
    }

    private static String lines() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            b.append(String.format("%07d ", i)).append("x".repeat(71)).append('\n');
        }
        return b.toString();
    }

    @Test
    void customClientReplacesItsKey() throws Exception {
        SSLEngine client = EngineBuilder.client(Providers.CUSTOM).suites("TLS_AES_128_GCM_SHA256")
                .securityProperty("jdk.tls.keyLimits", LIMIT).build();
        try (OpenSslServer started = OpenSslServer.start(List.of("-naccept", "1", "-tls1_3", "-trace",
                "-cert", files.serverCertificate().toString(), "-key", files.serverKey().toString()), java.util.Map.of())) {
            OpenSslProcess server = started.process();
            try (EngineOverSocket conn = started.connect(client, SOCKET_TIMEOUT_MILLIS)) {
                conn.handshake();
                String data = lines();
                conn.write(data.getBytes(StandardCharsets.US_ASCII));
                server.expectOutput(String.format("%07d ", LINES - 1), WAIT);
                conn.closeOrderly();
            }
            assertTrue(server.awaitExit(WAIT), server.describe());
            String out = server.output();
            int updates = OpenSslProcess.count(out, "KeyUpdate, Length=1");
            assertTrue(updates >= 9 && updates <= 11, updates + " KeyUpdates\n" + server.describe());
            assertEquals(0, OpenSslProcess.count(out, "update_requested (1)"), server.describe());
            // s_server prints the data with its trace between records, which may cut a line: nearly all whole.
            int whole = 0;
            for (int i = 0; i < LINES; i++) {
                whole += out.contains(String.format("%07d ", i) + "x".repeat(71) + "\n") ? 1 : 0;
            }
            assertTrue(whole >= LINES - 30, whole + " of " + LINES + " lines whole");
        }
    }

    @Test
    void customServerAsksThePeerToReplaceItsKey() throws Exception {
        SSLEngine server = EngineBuilder.server(Providers.CUSTOM).suites("TLS_AES_128_GCM_SHA256")
                .securityProperty("jdk.tls.keyLimits", LIMIT).build();
        try (ServerSocket listener = Loopback.listen(SOCKET_TIMEOUT_MILLIS);
             OpenSslProcess client = OpenSslProcess.command(List.of(OpenSslProcess.binary(), "s_client",
                     "-connect", "127.0.0.1:" + listener.getLocalPort(), "-tls1_3", "-CAfile", files.caFile().toString(),
                     "-verify_return_error", "-no_ign_eof", "-trace"));
             EngineOverSocket conn = client.acceptInto(listener, server, SOCKET_TIMEOUT_MILLIS)) {
            conn.handshake();
            String data = lines();
            int round = data.length() / ROUNDS;
            for (int r = 0; r < ROUNDS; r++) {
                // s_client sends more than 2^14 bytes; the server asks for a KeyUpdate as it reads them, and the
                // request goes out with the server's next write. s_client answers it when it writes next.
                String part = data.substring(r * round, (r + 1) * round);
                client.send(part);
                assertEquals(part, new String(conn.read(part.length()), StandardCharsets.US_ASCII));
                conn.write(("#round " + r + "\n").getBytes(StandardCharsets.US_ASCII));
                client.expectOutput("#round " + r, WAIT);
            }
            client.send("#end\n");
            assertEquals("#end\n", new String(conn.read(5), StandardCharsets.US_ASCII));
            conn.closeOrderly();
            assertTrue(client.awaitExit(WAIT), client.describe());
            String out = client.output(); // s_client's trace comes out when it exits
            int requests = OpenSslProcess.count(out, "update_requested (1)");
            assertEquals(ROUNDS, requests, "KeyUpdates with update_requested\n" + client.describe());
            // Each request received, and s_client's answer to it sent (update_not_requested).
            assertEquals(2 * ROUNDS, OpenSslProcess.count(out, "KeyUpdate, Length=1"), client.describe());
        }
    }
}
