package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --early-data} and {@code connect --reconnect N --early-data FILE} with Custom on both sides. */
class ResumptionCliTest {
    private static CustomProviderFixture fixture;
    private StatusServer server;

    @BeforeAll
    static void remember() {
        fixture = new CustomProviderFixture();
    }

    @AfterAll
    static void restore() {
        fixture.restore();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path serve(String... extra) throws Exception {
        ServeCommand command = new ServeCommand();
        List<String> args = new java.util.ArrayList<>(List.of("--port", "0"));
        args.addAll(List.of(extra));
        CapturedTerminal terminal = new CapturedTerminal();
        server = command.start(command.options().parse(args), terminal.terminal);
        Matcher m = Pattern.compile("CA certificate \\(PEM\\): (\\S+)").matcher(terminal.out());
        assertTrue(m.find(), terminal::out);
        return Path.of(m.group(1));
    }

    private static List<String> lines(String out, String label) {
        return Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s*(.*)$").matcher(out).results()
                .map(r -> r.group(1)).toList();
    }

    @Test
    void reconnectResumesAndSendsEarlyData(@TempDir Path dir) throws Exception {
        Path ca = serve("--early-data=4096");
        Path request = dir.resolve("request.txt");
        Files.writeString(request, "GET /early HTTP/1.0\r\nHost: localhost\r\n\r\n");
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                ca.toString(), "--reconnect", "2", "--early-data", request.toString());
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        List<String> resumed = lines(out, "resumed:");
        List<String> early = lines(out, "early data:");
        // Client lines, then the server's reply lines, per connection.
        assertEquals(6, resumed.size(), out);
        assertTrue(resumed.get(0).startsWith("no"), out);
        assertTrue(early.get(0).startsWith("not attempted"), out);
        assertTrue(early.get(1).startsWith("no, the request arrived as 1-RTT"), out);
        for (int i = 2; i < 6; i += 2) {
            assertTrue(resumed.get(i).startsWith("yes"), out);
            assertTrue(early.get(i).startsWith("accepted"), out);
            assertTrue(early.get(i + 1).startsWith("yes"), out);
        }
        assertTrue(out.contains("request:      GET /early HTTP/1.0"), out);
    }

    @Test
    void reconnectWithoutEarlyDataResumes() throws Exception {
        Path ca = serve();
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                ca.toString(), "--reconnect", "1");
        assertEquals(0, r.code(), r::toString);
        List<String> resumed = lines(r.out(), "resumed:");
        assertEquals(List.of("no (full handshake)", "yes (session ticket)"), resumed, r.out());
    }
}
