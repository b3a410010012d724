package dev.customtls.bench.harness;

/**
 * The TLS providers compared by the benchmarks. {@link #paramName()} is the value of the JMH
 * {@code provider} parameter and the provider's JCA name.
 */
public enum ProviderKind {
    /** The JDK's own provider: the baseline of every ratio. */
    SUNJSSE("SunJSSE"),
    /** Bouncy Castle's JSSE provider (bctls 1.84), loaded through {@link PeerClassLoader}. */
    BCJSSE("BCJSSE"),
    /** Conscrypt 2.5.2 (BoringSSL through JNI). */
    CONSCRYPT("Conscrypt"),
    /** This project's provider, picked up once {@code dev.customtls.jsse.CustomProvider} exists. */
    CUSTOM("Custom");

    private final String paramName;

    ProviderKind(String paramName) {
        this.paramName = paramName;
    }

    /** The JMH parameter value and JCA provider name. */
    public String paramName() {
        return paramName;
    }

    /** The prefix of this provider's fields in {@link ProviderTurns}: {@code sunJsse}, {@code bcjsse}, ... */
    public String counterPrefix() {
        switch (this) {
            case SUNJSSE: return "sunJsse";
            case BCJSSE: return "bcjsse";
            case CONSCRYPT: return "conscrypt";
            default: return "custom";
        }
    }

    /** The provider for a JMH parameter value (case-insensitive). */
    public static ProviderKind fromParam(String name) {
        for (ProviderKind k : values()) {
            if (k.paramName.equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown provider: " + name);
    }
}
