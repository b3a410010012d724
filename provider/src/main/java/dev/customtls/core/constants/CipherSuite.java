package dev.customtls.core.constants;

/**
 * Cipher suites this implementation knows. TLS 1.3 suites name only the AEAD and the hash (RFC 8446
 * appendix B.4); TLS 1.2 suites also fix the key exchange.
 */
public enum CipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeKind.TLS13),
    TLS_AES_256_GCM_SHA384(0x1302, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeKind.TLS13),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256, KeyExchangeKind.TLS13),

    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xc02b, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeKind.ECDHE_ECDSA),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xc02c, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeKind.ECDHE_ECDSA),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xcca9, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256, KeyExchangeKind.ECDHE_ECDSA),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xc02f, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeKind.ECDHE_RSA),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xc030, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeKind.ECDHE_RSA),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xcca8, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256, KeyExchangeKind.ECDHE_RSA),
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009c, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeKind.RSA),
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009d, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeKind.RSA);

    /** {@code values()} once: every call of {@code values()} clones the array. */
    private static final CipherSuite[] VALUES = values();

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746). */
    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
    /** TLS_FALLBACK_SCSV (RFC 7507). */
    public static final int FALLBACK_SCSV = 0x5600;

    /** How a suite establishes keys and authenticates the server. */
    public enum KeyExchangeKind { TLS13, ECDHE_ECDSA, ECDHE_RSA, RSA }

    private final int code;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;
    private final KeyExchangeKind keyExchange;

    CipherSuite(int code, AeadAlgorithm aead, HashAlgorithm hash, KeyExchangeKind keyExchange) {
        this.code = code;
        this.aead = aead;
        this.hash = hash;
        this.keyExchange = keyExchange;
    }

    public int code() {
        return code;
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public KeyExchangeKind keyExchange() {
        return keyExchange;
    }

    public boolean isTls13() {
        return keyExchange == KeyExchangeKind.TLS13;
    }

    /** The standard (IANA and JSSE) name. */
    public String jsseName() {
        return name();
    }

    public static CipherSuite fromCode(int code) {
        for (CipherSuite s : VALUES) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    public static CipherSuite fromJsseName(String name) {
        for (CipherSuite s : VALUES) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
