package dev.customtls.bench.harness;

/**
 * Benchmark cases a peer provider cannot run, by design of its API rather than by a failure; the reasons
 * appear as "not available" in the results table. Measured with bctls 1.84 and Conscrypt 2.5.2
 * ({@code BENCHMARK-NOTES.md}).
 */
public final class KnownGaps {

    /** The only TLS 1.3 suite Conscrypt negotiates here (its suites cannot be chosen). */
    public static final String CONSCRYPT_SUITE = "TLS_AES_128_GCM_SHA256";

    private KnownGaps() {
    }

    /**
     * Why {@code kind} cannot run a case, or {@code null}.
     *
     * @param group the pinned key exchange group, or {@code null} if the case has none
     * @param tls13Suite the pinned TLS 1.3 suite, or {@code null}
     * @param tls13Resumption whether the case is a TLS 1.3 resumption
     */
    public static String reason(ProviderKind kind, String group, String tls13Suite, boolean tls13Resumption) {
        if (kind == ProviderKind.CONSCRYPT && group != null && !group.equalsIgnoreCase("x25519")) {
            return "Conscrypt 2.5.2 has no API to choose the key exchange group (X25519 only)";
        }
        if (kind == ProviderKind.CONSCRYPT && tls13Suite != null && !tls13Suite.equals(CONSCRYPT_SUITE)) {
            return "Conscrypt 2.5.2 ignores TLS 1.3 suite selection (only its default " + CONSCRYPT_SUITE + ")";
        }
        if (kind == ProviderKind.BCJSSE && tls13Resumption) {
            return "BCJSSE 1.84 does not resume TLS 1.3 sessions";
        }
        return null;
    }

    /** Throws {@link ProviderUnavailableException} when {@link #reason} is not {@code null}. */
    public static void check(ProviderKind kind, String group, String tls13Suite, boolean tls13Resumption) {
        String reason = reason(kind, group, tls13Suite, tls13Resumption);
        if (reason != null) {
            throw new ProviderUnavailableException(reason);
        }
    }
}
