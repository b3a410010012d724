package dev.customtls.core.record;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-only {@link Aead} over the JDK's JCA ciphers, called the plain way (a new parameter object per
 * record); the real backends live in crypto.jdk / crypto.bc.
 */
public final class JcaTestAead implements Aead {
    private final AeadAlgorithm algorithm;
    private final SecretKeySpec key;
    private final Cipher cipher;

    public JcaTestAead(AeadAlgorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.key = new SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        try {
            this.cipher = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JcaTestAead withKeyByte(AeadAlgorithm algorithm, int b) {
        byte[] k = new byte[algorithm.keyLength()];
        java.util.Arrays.fill(k, (byte) b);
        return new JcaTestAead(algorithm, k);
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad, 0, aadLen);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError("seal failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (len < algorithm.tagLength()) {
            throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC, "too short");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad, 0, aadLen);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC, "bad tag");
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError("open failed", e);
        }
    }
}
