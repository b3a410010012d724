package dev.customtls.core.constants;

/** Key-exchange groups (RFC 8446 section 4.2.7, RFC 7919). */
public enum NamedGroup {
    SECP256R1(0x0017, "secp256r1", 65),
    SECP384R1(0x0018, "secp384r1", 97),
    SECP521R1(0x0019, "secp521r1", 133),
    X25519(0x001d, "x25519", 32),
    X448(0x001e, "x448", 56),
    FFDHE2048(0x0100, "ffdhe2048", 256),
    FFDHE3072(0x0101, "ffdhe3072", 384),
    FFDHE4096(0x0102, "ffdhe4096", 512),
    FFDHE6144(0x0103, "ffdhe6144", 768),
    FFDHE8192(0x0104, "ffdhe8192", 1024),
    /**
     * Hybrid post-quantum key exchange (draft-ietf-tls-ecdhe-mlkem): ML-KEM-768 (FIPS 203) and X25519, TLS 1.3
     * only. The client's value (its length here) is the ML-KEM encapsulation key then the X25519 key; the server's
     * is the ML-KEM ciphertext then its X25519 key; the shared secret is the ML-KEM one then the X25519 one.
     */
    X25519MLKEM768(0x11ec, "X25519MLKEM768", 1184 + 32);

    /** {@code values()} once: every call of {@code values()} clones the array. */
    private static final NamedGroup[] VALUES = values();

    private final int code;
    private final String rfcName;
    private final int publicKeyLength;

    NamedGroup(int code, String rfcName, int publicKeyLength) {
        this.code = code;
        this.rfcName = rfcName;
        this.publicKeyLength = publicKeyLength;
    }

    public int code() {
        return code;
    }

    /** The name used by the RFCs and by {@code jdk.tls.namedGroups}, e.g. {@code x25519}. */
    public String rfcName() {
        return rfcName;
    }

    /** Exact length of a key_share public value for this group. */
    public int publicKeyLength() {
        return publicKeyLength;
    }

    public boolean isEcdhe() {
        return this == SECP256R1 || this == SECP384R1 || this == SECP521R1 || this == X25519 || this == X448;
    }

    /** A finite-field Diffie-Hellman group of RFC 7919. */
    public boolean isFfdhe() {
        return this == FFDHE2048 || this == FFDHE3072 || this == FFDHE4096 || this == FFDHE6144 || this == FFDHE8192;
    }

    /** A key encapsulation (the server's value answers the client's) rather than a Diffie-Hellman exchange. */
    public boolean isKem() {
        return this == X25519MLKEM768;
    }

    public static NamedGroup fromCode(int code) {
        for (NamedGroup g : VALUES) {
            if (g.code == code) {
                return g;
            }
        }
        return null;
    }

    public static NamedGroup fromName(String name) {
        for (NamedGroup g : VALUES) {
            if (g.rfcName.equalsIgnoreCase(name)) {
                return g;
            }
        }
        return null;
    }
}
