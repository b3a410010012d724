package dev.customtls.crypto.jdk;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.ServerKeyShare;
import dev.customtls.crypto.DefaultTlsCrypto;
import dev.customtls.crypto.MlKem768;
import dev.customtls.crypto.bc.BcMlKem768;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The JDK's ML-KEM-768 (24+), which {@link DefaultTlsCrypto} prefers there: it agrees with Bouncy Castle's in both
 * roles, and the hybrid group runs on it. The build runs on JDK 17, which has no ML-KEM, so the checks run in a
 * child JVM of the installed Temurin 25 ({@link #main}); on a JDK that has ML-KEM they also run in process.
 */
class JdkMlKem768Test {

    static final Path NEWER_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** The checks; returns a description of what ran, throws on any disagreement. */
    static String check() {
        MlKem768 jdk = JdkMlKem768.createIfAvailable();
        if (jdk == null) {
            throw new IllegalStateException("no ML-KEM in JDK " + Runtime.version());
        }
        MlKem768 bc = new BcMlKem768(new SecureRandom());
        for (MlKem768[] roles : new MlKem768[][] {{jdk, bc}, {bc, jdk}, {jdk, jdk}}) {
            MlKem768.GeneratedKey k = roles[0].generate();
            assertEquals(MlKem768.ENCAPSULATION_KEY, k.encapsulationKey().length);
            MlKem768.Encapsulation e = roles[1].encapsulate(k.encapsulationKey());
            assertEquals(MlKem768.CIPHERTEXT, e.ciphertext().length);
            assertArrayEquals(e.secret(), k.decapsulator().decapsulate(e.ciphertext()), roles[0] + " / " + roles[1]);
            byte[] wrong = e.ciphertext().clone();
            wrong[0] ^= 1;
            assertFalse(Arrays.equals(e.secret(), k.decapsulator().decapsulate(wrong)), "implicit rejection");
        }
        DefaultTlsCrypto crypto = new DefaultTlsCrypto(new SecureRandom());
        KeyShare client = crypto.generateKeyShare(NamedGroup.X25519MLKEM768);
        ServerKeyShare server = crypto.respondToKeyShare(NamedGroup.X25519MLKEM768, client.publicKey());
        assertArrayEquals(server.sharedSecret(), client.agree(server.publicKey()));
        return "JDK " + Runtime.version().feature() + " ML-KEM agrees with Bouncy Castle's";
    }

    public static void main(String[] args) {
        System.out.println("OK " + check());
    }

    @Test
    void jdkMlKemAgreesWithBouncyCastle() throws Exception {
        if (JdkMlKem768.createIfAvailable() != null) {
            check();
            return;
        }
        // JDK 17: the same checks on the newer JDK, with this build's classes.
        assertTrue(Files.isExecutable(NEWER_JDK.resolve("bin/java")),
                "the JDK-ML-KEM checks need " + NEWER_JDK + " (installed beside JDK 17 on this machine)");
        Process p = new ProcessBuilder(List.of(NEWER_JDK.resolve("bin/java").toString(), "-cp",
                System.getProperty("java.class.path"), JdkMlKem768Test.class.getName()))
                .redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("OK JDK "), out);
    }
}
