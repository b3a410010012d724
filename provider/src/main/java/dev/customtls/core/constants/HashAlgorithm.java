package dev.customtls.core.constants;

/** The hash functions the handshake uses for transcripts, HKDF and the PRF. */
public enum HashAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48),
    SHA512("SHA-512", "HmacSHA512", 64);

    private final String jcaName;
    private final String hmacJcaName;
    private final int length;

    HashAlgorithm(String jcaName, String hmacJcaName, int length) {
        this.jcaName = jcaName;
        this.hmacJcaName = hmacJcaName;
        this.length = length;
    }

    public String jcaName() {
        return jcaName;
    }

    public String hmacJcaName() {
        return hmacJcaName;
    }

    /** Output length in bytes. */
    public int length() {
        return length;
    }
}
