package dev.customtls.core.record;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.crypto.Aead;

import java.util.Arrays;

/** Wraps an {@link Aead} and remembers the last nonce and additional data it was given. */
final class RecordingAead implements Aead {
    private final Aead delegate;
    byte[] lastNonce;
    byte[] lastAad;

    RecordingAead(Aead delegate) {
        this.delegate = delegate;
    }

    @Override
    public AeadAlgorithm algorithm() {
        return delegate.algorithm();
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        lastNonce = nonce.clone();
        lastAad = Arrays.copyOf(aad, aadLen);
        return delegate.seal(nonce, aad, aadLen, in, inOff, len, out, outOff);
    }

    @Override
    public int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        lastNonce = nonce.clone();
        lastAad = Arrays.copyOf(aad, aadLen);
        return delegate.open(nonce, aad, aadLen, in, inOff, len, out, outOff);
    }
}
