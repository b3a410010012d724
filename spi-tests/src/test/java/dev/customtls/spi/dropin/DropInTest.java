package dev.customtls.spi.dropin;

import dev.customtls.spi.support.Providers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Custom} as a drop-in replacement: a child JVM whose {@code java.security} puts {@code Custom}
 * first (the JDK's own providers shifted down by one) must get its default {@code SSLContext} from
 * {@code Custom}. Naming the provider by its name ({@code Custom}) needs it to be found through
 * {@code ServiceLoader} ({@code META-INF/services/java.security.Provider}); naming it by class name does
 * not.
 */
@Timeout(60)
class DropInTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "security.provider.1={0}")
    @ValueSource(strings = {Providers.CUSTOM, Providers.CUSTOM_CLASS})
    void customIsTheDefaultWhenListedFirst(String entry) throws Exception {
        Path security = dir.resolve("custom-first.security");
        Files.writeString(security, securityProperties(entry), StandardCharsets.ISO_8859_1);
        String output = runChild(security);
        assertTrue(output.contains("default="), "child output: " + output);
        assertEquals("Custom", value(output, "default"), "provider of SSLContext.getDefault() (anything else: "
                + "Custom provider not found by the child JVM); output: " + output);
        assertEquals("Custom", value(output, "tls"), "provider of SSLContext.getInstance(\"TLS\")");
        assertEquals("Custom", value(output, "tls13"), "provider of SSLContext.getInstance(\"TLSv1.3\")");
    }

    /** {@code security.provider.1=<entry>} followed by the JDK's providers, each moved down one place. */
    private static String securityProperties(String entry) throws IOException {
        Properties jdk = new Properties();
        Path file = Path.of(System.getProperty("java.home"), "conf", "security", "java.security");
        try (InputStream in = Files.newInputStream(file)) {
            jdk.load(in);
        }
        StringBuilder sb = new StringBuilder("security.provider.1=" + entry + "\n");
        for (int i = 1; jdk.getProperty("security.provider." + i) != null; i++) {
            sb.append("security.provider.").append(i + 1).append('=')
                    .append(jdk.getProperty("security.provider." + i).trim()).append('\n');
        }
        return sb.toString();
    }

    private static String runChild(Path security) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security,
                "-cp", System.getProperty("java.class.path"),
                DropInMain.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit");
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String value(String output, String key) throws IOException {
        Properties props = new Properties();
        try (Reader r = new java.io.StringReader(output)) {
            props.load(r);
        }
        return props.getProperty(key);
    }
}
