package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code connect} in-process over loopback with a given provider (SunJSSE here). */
class ServeConnectTest {

    /** The provider used on both sides; the Custom subclass overrides it. */
    String provider() {
        return "SunJSSE";
    }

    private StatusServer server;
    private CapturedTerminal serverTerminal;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Starts {@code serve --port 0} with the extra options; returns the CA PEM path it printed (or null). */
    Path serve(String... extra) throws Exception {
        ServeCommand command = new ServeCommand();
        List<String> args = new ArrayList<>(List.of("--port", "0", "--provider", provider()));
        args.addAll(List.of(extra));
        serverTerminal = new CapturedTerminal();
        server = command.start(command.options().parse(args), serverTerminal.terminal);
        String out = serverTerminal.out();
        assertTrue(out.contains("port: " + server.port()), out);
        Matcher m = Pattern.compile("CA certificate \\(PEM\\): (\\S+)").matcher(out);
        return m.find() ? Path.of(m.group(1)) : null;
    }

    int serverPort() {
        return server.port();
    }

    static String value(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
        assertTrue(m.find(), () -> label + " missing in\n" + output);
        return m.group(1);
    }

    @Test
    void connectSeesTls13AndTheReplyNamesTheSuite() throws Exception {
        Path ca = serve();
        assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----"));
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                ca.toString(), "--alpn", "h2,http/1.1", "--provider", provider());
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertEquals("TLSv1.3", value(out, "protocol:"), out);
        String suite = value(out, "cipher suite:");
        assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_"), out);
        assertTrue(out.contains("0 subject: CN=localhost"), out);
        assertTrue(out.contains("issuer:  CN=customtls serve test CA"), out);
        assertTrue(out.contains("verification: chain verified against " + ca), out);
        String reply = out.substring(out.indexOf("--- reply:"));
        assertTrue(reply.contains("HTTP/1.0 200 OK"), out);
        assertEquals("TLSv1.3", value(reply, "protocol:"), out);
        assertEquals(suite, value(reply, "cipher suite:"), out);
        assertEquals("localhost", value(reply, "server name:"), out);
        assertEquals("http/1.1", value(reply, "ALPN:"), out);
        assertTrue(reply.contains("request:      GET / HTTP/1.0"), out);
        assertTrue(out.contains("--- connection closed by the server"), out);
    }

    @Test
    void stdinIsSentInsteadOfTheGetRequest() throws Exception {
        Path ca = serve();
        CapturedTerminal.Result r = CapturedTerminal.runWithInput("HELLO THERE\n", "connect",
                "localhost:" + server.port(), "--cafile", ca.toString(), "--stdin", "--provider", provider());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("request:      HELLO THERE"), r::toString);
    }

    @Test
    void defaultTrustRejectsTheTestCertificate() throws Exception {
        serve();
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--provider",
                provider());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.err().startsWith("customtls connect: handshake with localhost:" + server.port() + " failed"),
                r::toString);
    }

    @Test
    void wrongServerNameIsRejectedByHostNameCheck() throws Exception {
        Path ca = serve();
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                ca.toString(), "--servername", "not-localhost.example", "--provider", provider());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
    }

    @Test
    void trustAllConnectsAndWarns() throws Exception {
        serve();
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "127.0.0.1:" + server.port(), "--trust-all",
                "--provider", provider());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("WARNING: server certificate NOT verified (--trust-all)"), r::toString);
        assertTrue(r.out().contains("server name:  (none sent)"), r::toString);
        assertTrue(r.out().contains("server name:  (none)"), r::toString);
    }

    @Test
    void serveUsesAGivenKeyStore(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create("Key Store Test CA");
        TestPki.Credential credential = pki.issue(TestPki.KeyType.RSA_2048, "localhost");
        Path p12 = dir.resolve("server.p12");
        KeyStore ks = credential.toKeyStore("server");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, TestPki.PASSWORD);
        }
        Path caPem = Pem.write(dir.resolve("ca.pem"), Pem.certificate(pki.caCertificate()));
        assertEquals(null, serve("--keystore", p12.toString(), "--storepass", new String(TestPki.PASSWORD)));
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                caPem.toString(), "--provider", provider());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("key:     RSA 2048-bit"), r::toString);
        assertTrue(r.out().contains("issuer:  CN=Key Store Test CA"), r::toString);
    }

    @Test
    void aSmallPoolServesManyConcurrentClients() throws Exception {
        Path ca = serve("--threads", "2");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<CapturedTerminal.Result>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(clients.submit(() -> CapturedTerminal.run("connect", "localhost:" + server.port(),
                        "--cafile", ca.toString(), "--provider", provider())));
            }
            for (Future<CapturedTerminal.Result> f : results) {
                CapturedTerminal.Result r = f.get();
                assertEquals(0, r.code(), r::toString);
                assertTrue(r.out().contains("HTTP/1.0 200 OK"), r::toString);
            }
        } finally {
            clients.shutdownNow();
        }
        String log = serverTerminal.out();
        assertEquals(8, log.lines().filter(l -> l.contains(": TLSv1.3 ")).count(), log);
    }

    @Test
    void suitesCanBeChosen() throws Exception {
        Path ca = serve();
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                ca.toString(), "--suites", "TLS_CHACHA20_POLY1305_SHA256", "--provider", provider());
        assertEquals(0, r.code(), r::toString);
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", value(r.out(), "cipher suite:"), r::toString);
    }

    @Test
    void tls12CanBeChosen() throws Exception {
        Path ca = serve();
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile", ca.toString(),
                "--protocols", "TLSv1.2", "--provider", provider());
        assertEquals(0, r.code(), r::toString);
        assertEquals("TLSv1.2", value(r.out(), "protocol:"), r::toString);
        assertTrue(value(r.out(), "cipher suite:").startsWith("TLS_ECDHE_ECDSA_WITH_"), r::toString);
    }

    @Test
    void serverSideProtocolRestrictionIsApplied() throws Exception {
        Path ca = serve("--protocols", "TLSv1.2");
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                ca.toString(), "--protocols", "TLSv1.3", "--provider", provider());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile", ca.toString(),
                "--provider", provider());
        assertEquals(0, r.code(), r::toString);
        assertEquals("TLSv1.2", value(r.out(), "protocol:"), r::toString);
    }

    @Test
    void unsupportedProtocolIsAUsageError() {
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:1", "--protocols", "TLSv9",
                "--trust-all", "--provider", provider());
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("customtls connect: protocol TLSv9 is not supported by " + provider()),
                r::toString);
    }

    @Test
    void serverRefusesToStartOnABusyPort() throws Exception {
        serve();
        ServeCommand command = new ServeCommand();
        ParsedArgs args = command.options().parse(List.of("--port", String.valueOf(server.port()), "--provider",
                provider()));
        CommandException e = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class,
                () -> command.start(args, new CapturedTerminal().terminal));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + server.port()), e.getMessage());
    }
}
