package dev.customtls.crypto;

/**
 * ML-KEM-768 (FIPS 203) as the hybrid X25519MLKEM768 group uses it: raw encapsulation keys (1,184 bytes),
 * ciphertexts (1,088) and shared secrets (32). Two implementations, Bouncy Castle's (every JDK) and the JDK's own
 * (24 and later, faster on 25: {@code benchmarks/README.md}); {@link DefaultTlsCrypto} takes the JDK's where it
 * exists. Implementations are thread-safe; a {@link Decapsulator} belongs to one key share.
 */
public interface MlKem768 {

    int ENCAPSULATION_KEY = 1184;
    int CIPHERTEXT = 1088;
    int SECRET = 32;

    /** A fresh key pair: the raw encapsulation key and what decapsulates with its private half. */
    GeneratedKey generate();

    /** Encapsulates to a raw encapsulation key (the caller has checked its length and modulus). */
    Encapsulation encapsulate(byte[] encapsulationKey);

    /** The private half of a key pair. */
    interface Decapsulator {
        /** The shared secret; a ciphertext that is not ours yields a pseudo-random one (implicit rejection). */
        byte[] decapsulate(byte[] ciphertext);
    }

    /** A key pair: the raw encapsulation key and its decapsulator. The array is shared, not copied. */
    record GeneratedKey(byte[] encapsulationKey, Decapsulator decapsulator) {
        @Override
        public String toString() {
            return "GeneratedKey[ML-KEM-768]";
        }
    }

    /** A ciphertext and the shared secret it carries; the secret never appears in {@code toString()}. */
    record Encapsulation(byte[] ciphertext, byte[] secret) {
        @Override
        public String toString() {
            return "Encapsulation[ML-KEM-768, " + ciphertext.length + " bytes]";
        }
    }
}
