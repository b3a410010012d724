package dev.customtls.core.constants;

/** Record protection algorithms (RFC 8446 section 5.2). */
public enum AeadAlgorithm {
    AES_128_GCM(16, 12, 16),
    AES_256_GCM(32, 12, 16),
    CHACHA20_POLY1305(32, 12, 16);

    private final int keyLength;
    private final int ivLength;
    private final int tagLength;

    AeadAlgorithm(int keyLength, int ivLength, int tagLength) {
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.tagLength = tagLength;
    }

    public int keyLength() {
        return keyLength;
    }

    /** Length of the per-connection IV (and of each record nonce). */
    public int ivLength() {
        return ivLength;
    }

    public int tagLength() {
        return tagLength;
    }

    /**
     * Maximum number of records one key may protect before it must be changed (RFC 8446 section 5.5):
     * 2^24.5 full-size records for AES-GCM; ChaCha20-Poly1305's limit is above 2^64 so the sequence-number
     * limit applies.
     */
    public long recordLimit() {
        return this == CHACHA20_POLY1305 ? Long.MAX_VALUE : 23_726_566L; // floor(2^24.5)
    }
}
