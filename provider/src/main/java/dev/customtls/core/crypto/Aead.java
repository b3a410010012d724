package dev.customtls.core.crypto;

import dev.customtls.core.constants.AeadAlgorithm;

/**
 * An AEAD with a fixed key. The caller supplies the full per-record nonce. Not thread-safe.
 *
 * <p>{@code in} and {@code out} may be the same array at the same offset (in-place operation).
 */
public interface Aead {

    AeadAlgorithm algorithm();

    /**
     * Encrypts {@code in[inOff, inOff+len)} into {@code out} at {@code outOff} and appends the tag.
     *
     * @return the bytes written: {@code len + tagLength}
     */
    int seal(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Authenticates and decrypts {@code in[inOff, inOff+len)} (ciphertext followed by the tag) into
     * {@code out} at {@code outOff}.
     *
     * @return the plaintext length: {@code len - tagLength}
     * @throws dev.customtls.core.error.TlsAlertException bad_record_mac if authentication fails or
     *     {@code len} is shorter than the tag
     */
    int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff);
}
