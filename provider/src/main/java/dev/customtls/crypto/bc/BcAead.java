package dev.customtls.crypto.bc;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM or ChaCha20-Poly1305 over Bouncy Castle's lightweight API (RFC 8446 section 5.2). The key is
 * installed once; later records re-initialise with a null key so the AES key schedule and the GHASH tables
 * are not rebuilt per record.
 */
final class BcAead implements Aead {

    private final AeadAlgorithm algorithm;
    private final AEADCipher cipher;
    private KeyParameter key;

    BcAead(AeadAlgorithm algorithm, byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != algorithm.keyLength()) {
            throw TlsAlertException.internalError("AEAD key has the wrong length", null);
        }
        this.algorithm = algorithm;
        this.cipher = algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new ChaCha20Poly1305()
                : GCMBlockCipher.newInstance(AESEngine.newInstance());
        this.key = new KeyParameter(keyBytes);
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    private void init(boolean encrypt, byte[] nonce) {
        if (nonce == null || nonce.length != algorithm.ivLength()) {
            throw TlsAlertException.internalError("AEAD nonce has the wrong length", null);
        }
        cipher.init(encrypt, new AEADParameters(key, algorithm.tagLength() * 8, nonce));
        key = null; // installed; reuse it from now on
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            init(true, nonce);
            if (aadLen > 0) {
                cipher.processAADBytes(aad, 0, aadLen);
            }
            int n = cipher.processBytes(in, inOff, len, out, outOff);
            return n + cipher.doFinal(out, outOff + n);
        } catch (TlsAlertException e) {
            throw e;
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw TlsAlertException.internalError(algorithm + " encryption failed", e);
        }
    }

    /**
     * RFC 8446 section 5.2: a record that fails to authenticate ends the connection with bad_record_mac.
     * Bouncy Castle writes plaintext before checking the tag, so the output is wiped on failure.
     */
    @Override
    public int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (len < algorithm.tagLength()) {
            throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC, "record shorter than the AEAD tag");
        }
        int n = 0;
        try {
            init(false, nonce);
            if (aadLen > 0) {
                cipher.processAADBytes(aad, 0, aadLen);
            }
            n = cipher.processBytes(in, inOff, len, out, outOff);
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, outOff, Math.min(out.length, outOff + len - algorithm.tagLength()), (byte) 0);
            throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        } catch (TlsAlertException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TlsAlertException.internalError(algorithm + " decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "BcAead[" + algorithm + "]";
    }
}
