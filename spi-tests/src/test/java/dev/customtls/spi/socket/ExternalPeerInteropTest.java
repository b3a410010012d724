package dev.customtls.spi.socket;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our provider against peers outside this JVM: {@code curl} and {@code openssl s_client} as clients,
 * and a child JVM that gets the provider only from {@code java.security.properties} (drop-in use).
 */
@Timeout(180)
class ExternalPeerInteropTest {

    static final String CURL = "/usr/bin/curl";

    @TempDir
    Path tmp;

    static List<String> providers() {
        return SocketProviders.names();
    }

    /** Runs a command; returns its exit code and output (stdout then stderr). */
    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(List<String> command, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        return new Outcome(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void curlTls13AgainstHttpsServer(String provider) throws Exception {
        assumeTrue(new File(CURL).canExecute(), "curl not installed");
        Path ca = SocketProviders.writeCaPem(tmp.resolve("ca.pem"));
        Path body = tmp.resolve("body.bin");
        byte[] data = HttpsInteropTest.body();
        Files.write(body, data);
        try (TestHttpsServer server = new TestHttpsServer(SocketProviders.serverContext(provider))) {
            Outcome get = run(List.of(CURL, "--tlsv1.3", "--cacert", ca.toString(), "-sS", "--max-time", "60",
                    server.url("/hello")), null);
            assertEquals(0, get.exit(), get.err());
            assertEquals(TestHttpsServer.HELLO, get.out());

            Outcome post = run(List.of(CURL, "--tlsv1.3", "--cacert", ca.toString(), "-sS", "--max-time", "60",
                    "--data-binary", "@" + body, server.url("/sha256")), null);
            assertEquals(0, post.exit(), post.err());
            assertEquals(HttpsInteropTest.expectedDigest(data), post.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void opensslClientAgainstServerSocket(String provider) throws Exception {
        String openssl = findOpenssl();
        assumeTrue(openssl != null, "openssl not installed");
        Path ca = SocketProviders.writeCaPem(tmp.resolve("ca.pem"));
        try (SSLServerSocket server = (SSLServerSocket) SocketProviders.serverContext(provider)
                .getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(60_000);
                    BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.UTF_8));
                    String line = r.readLine();
                    OutputStream out = s.getOutputStream();
                    out.write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect",
                    "127.0.0.1:" + server.getLocalPort(), "-servername", "localhost", "-tls1_3", "-CAfile",
                    ca.toString(), "-verify_return_error", "-quiet"));
            Process p = new ProcessBuilder(cmd).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            OutputStream stdin = p.getOutputStream();
            stdin.write("hello openssl\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String reply = stdout.readLine();
            stdin.close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals("echo: hello openssl", reply, new String(err.get(), StandardCharsets.UTF_8));
            String negotiated = serverSide.get(60, TimeUnit.SECONDS);
            assertTrue(negotiated.startsWith("TLSv1.3 TLS_"), negotiated);
        }
    }

    /**
     * A child JVM whose only configuration is {@code -Djava.security.properties} (Custom first) and
     * {@code -Djavax.net.ssl.trustStore}: plain {@code HttpsURLConnection} and {@code HttpClient} use
     * the provider through {@code SSLContext.getDefault()}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void dropInChildJvm(String provider) throws Exception {
        assumeTrue(!provider.equals(EngineSocketsOverSunJsse.NAME), "not an installable provider");
        Path trust = SocketProviders.writeTrustStore(tmp.resolve("trust.p12"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (provider.equals("Custom")) {
            Path props = tmp.resolve("custom-first.security");
            Files.writeString(props, customFirstProviderList());
            cmd.add("-Djava.security.properties=" + props);
        }
        cmd.add("-Djavax.net.ssl.trustStore=" + trust);
        cmd.add("-Djavax.net.ssl.trustStorePassword=" + new String(dev.customtls.pki.TestPki.PASSWORD));
        cmd.add("-Djavax.net.ssl.trustStoreType=PKCS12");
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(DropInClient.class.getName());
        try (TestHttpsServer server = new TestHttpsServer(SocketProviders.serverContext(provider))) {
            cmd.add(server.url("/hello"));
            Outcome o = run(cmd, null);
            assertEquals(0, o.exit(), o.out() + o.err());
            assertTrue(o.out().contains("provider=" + provider + "\n"), o.out() + o.err());
            assertTrue(o.out().contains("urlconnection=" + TestHttpsServer.HELLO), o.out());
            assertTrue(o.out().contains("httpclient=" + TestHttpsServer.HELLO), o.out());
        }
    }

    /** The JDK 17+ default provider list with Custom inserted first. */
    static String customFirstProviderList() {
        String[] jdk = {"SUN", "SunRsaSign", "SunEC", "SunJSSE", "SunJCE", "SunJGSS", "SunSASL", "XMLDSig",
            "SunPCSC", "JdkLDAP", "JdkSASL", "SunPKCS11"};
        StringBuilder b = new StringBuilder("security.provider.1=" + SocketProviders.CUSTOM_PROVIDER_CLASS + "\n");
        for (int i = 0; i < jdk.length; i++) {
            b.append("security.provider.").append(i + 2).append('=').append(jdk[i]).append('\n');
        }
        return b.toString();
    }

    /** The test class path (surefire's full path when it hides it behind a manifest jar). */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static String findOpenssl() {
        for (String p : new String[] {"/usr/bin/openssl", "/usr/local/bin/openssl"}) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        return null;
    }
}
