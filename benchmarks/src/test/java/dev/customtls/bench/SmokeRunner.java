package dev.customtls.bench;

import static org.junit.jupiter.api.Assertions.fail;

import dev.customtls.bench.harness.KnownGaps;
import dev.customtls.bench.harness.ProviderKind;
import dev.customtls.bench.harness.ProviderUnavailableException;
import org.junit.jupiter.api.Assumptions;

/** Runs one benchmark case, turning "not available" into a skipped test only where that is expected. */
final class SmokeRunner {

    interface Case {
        void run() throws Exception;
    }

    private SmokeRunner() {
    }

    /**
     * Runs {@code body}. A {@link ProviderUnavailableException} skips the test for {@code Custom} (not built
     * yet) and for a case {@link KnownGaps} lists; for anything else it fails, so a broken peer setup is seen.
     */
    static void run(String provider, String group, String tls13Suite, boolean resumption, Case body)
            throws Exception {
        ProviderKind kind = ProviderKind.fromParam(provider);
        try {
            body.run();
        } catch (ProviderUnavailableException e) {
            boolean expected = kind == ProviderKind.CUSTOM
                    || KnownGaps.reason(kind, group, tls13Suite, resumption) != null;
            if (!expected) {
                fail(provider + " unexpectedly not available: " + e.getMessage(), e);
            }
            Assumptions.abort("not available: " + e.getMessage());
        }
    }

    /** One full TLS 1.3 handshake (ECDSA P-256 certificate) of {@code provider} over {@code group}. */
    static void fullTls13Handshake(String provider, String group) throws Exception {
        run(provider, group, "TLS_AES_128_GCM_SHA256", false, () -> {
            dev.customtls.bench.tls.Tls13FullHandshakeBenchmark b = new dev.customtls.bench.tls.Tls13FullHandshakeBenchmark();
            b.provider = provider;
            b.group = group;
            b.cert = "EC_P256";
            b.setup();
            org.junit.jupiter.api.Assertions.assertNotNull(b.connection());
        });
    }
}
