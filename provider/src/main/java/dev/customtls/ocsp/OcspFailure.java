package dev.customtls.ocsp;

/** Why no OCSP response can be stapled for a certificate; the message says it in plain words. */
public final class OcspFailure extends Exception {
    private static final long serialVersionUID = 1L;

    OcspFailure(String message) {
        super(message);
    }

    OcspFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
