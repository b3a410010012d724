package dev.customtls.core.constants;

/** Signature schemes (RFC 8446 section 4.2.3). */
public enum SignatureScheme {
    RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256", "RSA", HashAlgorithm.SHA256),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384", "RSA", HashAlgorithm.SHA384),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512", "RSA", HashAlgorithm.SHA512),
    ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256", "EC", HashAlgorithm.SHA256),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384", "EC", HashAlgorithm.SHA384),
    ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512", "EC", HashAlgorithm.SHA512),
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256", "RSA", HashAlgorithm.SHA256),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384", "RSA", HashAlgorithm.SHA384),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512", "RSA", HashAlgorithm.SHA512),
    ED25519(0x0807, "ed25519", "EdDSA", null),
    ED448(0x0808, "ed448", "EdDSA", null),
    RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256", "RSASSA-PSS", HashAlgorithm.SHA256),
    RSA_PSS_PSS_SHA384(0x080a, "rsa_pss_pss_sha384", "RSASSA-PSS", HashAlgorithm.SHA384),
    RSA_PSS_PSS_SHA512(0x080b, "rsa_pss_pss_sha512", "RSASSA-PSS", HashAlgorithm.SHA512),
    RSA_PKCS1_SHA1(0x0201, "rsa_pkcs1_sha1", "RSA", null),
    ECDSA_SHA1(0x0203, "ecdsa_sha1", "EC", null);

    /** {@code values()} once: every call of {@code values()} clones the array. */
    private static final SignatureScheme[] VALUES = values();

    private final int code;
    private final String rfcName;
    private final String keyAlgorithm;
    private final HashAlgorithm hash;

    SignatureScheme(int code, String rfcName, String keyAlgorithm, HashAlgorithm hash) {
        this.code = code;
        this.rfcName = rfcName;
        this.keyAlgorithm = keyAlgorithm;
        this.hash = hash;
    }

    public int code() {
        return code;
    }

    /** The name used by the RFC and by {@code jdk.tls.signatureSchemes}. */
    public String rfcName() {
        return rfcName;
    }

    /** The JCA key algorithm of keys that can make this signature: RSA, EC, EdDSA or RSASSA-PSS. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The hash, or null for EdDSA (and SHA-1 schemes, which we never use in TLS 1.3). */
    public HashAlgorithm hash() {
        return hash;
    }

    public boolean isRsaPss() {
        return rfcName.startsWith("rsa_pss_");
    }

    public boolean isRsaPkcs1() {
        return rfcName.startsWith("rsa_pkcs1_");
    }

    public boolean isEcdsa() {
        return rfcName.startsWith("ecdsa_");
    }

    /**
     * Whether TLS 1.3 allows this scheme in CertificateVerify (RFC 8446 section 4.2.3: no PKCS#1 v1.5, no
     * SHA-1).
     */
    public boolean usableInTls13Handshake() {
        return !isRsaPkcs1() && this != ECDSA_SHA1;
    }

    /** For ECDSA schemes in TLS 1.3, the curve the key must be on; null otherwise. */
    public NamedGroup ecdsaCurve() {
        switch (this) {
            case ECDSA_SECP256R1_SHA256: return NamedGroup.SECP256R1;
            case ECDSA_SECP384R1_SHA384: return NamedGroup.SECP384R1;
            case ECDSA_SECP521R1_SHA512: return NamedGroup.SECP521R1;
            default: return null;
        }
    }

    public static SignatureScheme fromCode(int code) {
        for (SignatureScheme s : VALUES) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    public static SignatureScheme fromName(String name) {
        for (SignatureScheme s : VALUES) {
            if (s.rfcName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }
}
