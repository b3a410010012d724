package dev.customtls.spi.matrix;

/**
 * The feature a matrix row exercises on top of its version, suite, group and certificate. Adding a feature
 * column is one constant here, one row in {@link MatrixGrid}, and its handling in {@link CustomEndpoint}
 * and in the peers that can do it (the others report it as not applicable, with the reason).
 */
enum Feature {
    /** A plain handshake, data both ways, orderly close. */
    NONE("-"),
    /** RFC 8446 section 4.1.4: the server asks for another key share. */
    HELLO_RETRY("HelloRetryRequest"),
    /** RFC 7301: both offer {@code http/1.1}, it is selected. */
    ALPN("ALPN"),
    /** RFC 6066 section 3: the client names {@code localhost}, the server sees it. */
    SNI("SNI"),
    /** RFC 8446 section 4.4.2: the server requires a client certificate (EC P-256). */
    CLIENT_AUTH("client auth"),
    /** RFC 8446 section 4.6.3: KeyUpdate with update_requested from Custom (and from the peer where it can). */
    KEY_UPDATE("KeyUpdate"),
    /** RFC 8446 section 2.2 / RFC 5077: a second connection resumes the first one's session. */
    RESUMPTION("resumption"),
    /** RFC 8446 section 2.3: the resumed connection carries 0-RTT data. */
    EARLY_DATA("0-RTT"),
    /**
     * RFC 8446 section 7.5 / RFC 5705: both sides export keying material under one label and get the same
     * bytes (without a context; with SunJSSE also with an empty and a non-empty one).
     */
    EXPORTER("exporter");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
