package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect} against {@code openssl s_server -tls1_3 -www} with a TestPki certificate written as PEM. */
class OpenSslConnectTest {

    String provider() {
        return "SunJSSE";
    }

    @Test
    void connectsToOpenSslServer(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create("OpenSSL Interop CA");
        TestPki.Credential credential = pki.issue(TestPki.KeyType.EC_P256, "localhost");
        Path cert = Pem.write(dir.resolve("cert.pem"), Pem.certificates(credential.chain()));
        Path key = Pem.write(dir.resolve("key.pem"), Pem.privateKey(credential.keyPair().getPrivate()));
        Path ca = Pem.write(dir.resolve("ca.pem"), Pem.certificate(pki.caCertificate()));
        int port = freePort();
        Process server = new ProcessBuilder("openssl", "s_server", "-tls1_3", "-www", "-accept", String.valueOf(port),
                "-cert", cert.toString(), "-key", key.toString()).redirectErrorStream(true).start();
        try {
            awaitAccept(server);
            CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + port, "--cafile", ca.toString(),
                    "--provider", provider());
            assertEquals(0, r.code(), r::toString);
            String out = r.out();
            assertEquals("TLSv1.3", ServeConnectTest.value(out, "protocol:"), out);
            String suite = ServeConnectTest.value(out, "cipher suite:");
            assertTrue(out.contains("0 subject: CN=localhost"), out);
            assertTrue(out.contains("verification: chain verified against " + ca), out);
            String reply = out.substring(out.indexOf("--- reply:"));
            assertTrue(reply.contains("HTTP/1.0 200 ok"), out);
            assertTrue(reply.contains("New, TLSv1.3, Cipher is " + suite), out);
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until s_server prints ACCEPT (it is then listening); keeps draining its output afterwards. */
    private static void awaitAccept(Process server) throws InterruptedException {
        CountDownLatch listening = new CountDownLatch(1);
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    if (line.startsWith("ACCEPT")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
        boolean ok = listening.await(30, TimeUnit.SECONDS);
        synchronized (seen) {
            assertTrue(ok, "openssl s_server did not start:\n" + seen);
        }
    }
}
