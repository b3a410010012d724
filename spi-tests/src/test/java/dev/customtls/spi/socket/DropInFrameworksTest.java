package dev.customtls.spi.socket;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code Custom} dropped into an unmodified program through {@code java.security} ({@code security.provider.1=Custom}):
 * {@link DropInTomcatMain} runs an embedded Tomcat with HTTP/2 and the JDK's default HTTPS clients in a child
 * JVM. Both sides must run on {@code Custom}, which the child's {@code javax.net.debug} lines show (ours carry the
 * provider's name and the engine's role), and HTTP/2 must be negotiated by ALPN.
 */
@Timeout(120)
class DropInFrameworksTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void tomcatAndTheJdkClientsRunOnCustom(String protocol) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            SocketProviders.SERVER.toKeyStore("server").store(out, dev.customtls.pki.TestPki.PASSWORD);
        }
        Path trustStore = SocketProviders.writeTrustStore(dir.resolve("trust.p12"));
        Path security = Files.writeString(dir.resolve("custom-first.security"), customFirst(),
                StandardCharsets.ISO_8859_1);

        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security,
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.debug=ssl:handshake",
                "-cp", System.getProperty("java.class.path"),
                DropInTomcatMain.class.getName(), keyStore.toString(), protocol, dir.resolve("tomcat").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), output);
        Properties result = new Properties();
        result.load(new StringReader(output.lines().filter(l -> l.matches("^[a-z.]+=.*")).reduce("", (a, b) -> a + b + "\n")));

        assertEquals("Custom", result.getProperty("default"), output);
        assertEquals("HTTP_2", result.getProperty("httpclient.version"), "ALPN through Tomcat's engine driver");
        assertEquals("HTTP/2.0 " + protocol, result.getProperty("httpclient.body"), output);
        assertEquals(protocol, result.getProperty("httpclient.tls"), output);
        assertEquals("HTTP/1.1 " + protocol, result.getProperty("urlconnection.body"), output);
        assertTrue(result.getProperty("urlconnection.suite").startsWith("TLS_"), output);
        // Our debug lines name the provider and the engine's role: Tomcat's engines are ours as well.
        assertTrue(output.lines().anyMatch(l -> l.startsWith("javax.net.ssl|DEBUG|Custom|") && l.contains("|server")),
                () -> "no server-side Custom engine in the child's javax.net.debug output:\n" + output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("javax.net.ssl|DEBUG|Custom|") && l.contains("|client")),
                () -> "no client-side Custom engine in the child's javax.net.debug output:\n" + output);
    }

    /** {@code security.provider.1=Custom} followed by the JDK's providers, each moved down one place. */
    private static String customFirst() throws java.io.IOException {
        Properties jdk = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of(System.getProperty("java.home"), "conf", "security", "java.security"))) {
            jdk.load(in);
        }
        StringBuilder sb = new StringBuilder("security.provider.1=Custom\n");
        for (int i = 1; jdk.getProperty("security.provider." + i) != null; i++) {
            sb.append("security.provider.").append(i + 1).append('=')
                    .append(jdk.getProperty("security.provider." + i).trim()).append('\n');
        }
        return sb.toString();
    }
}
