package dev.customtls.bench.harness;

/**
 * Thrown by a benchmark's setup when a provider cannot run it; the message is the reason printed in the
 * results table ("not available: &lt;reason&gt;").
 */
public final class ProviderUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String reason) {
        super(reason);
    }

    public ProviderUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
