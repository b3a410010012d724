package dev.customtls.crypto.jdk;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM ({@code AES/GCM/NoPadding}) or ChaCha20-Poly1305 over JCA (RFC 8446 section 5.2), both
 * intrinsified by HotSpot. One {@link Cipher} and one {@link SecretKeySpec} are kept for the life of the
 * object; the cipher is re-initialised with each record's nonce, as JCA requires.
 *
 * <p>The JDK refuses to encrypt twice with the same key and nonce; the record layer never does, and such a
 * misuse surfaces as internal_error.
 */
final class JdkAead implements Aead {

    /** The providers found once, so each new AEAD skips the search through all installed providers. */
    private static final class Ciphers {
        static final java.security.Provider AES_GCM = provider("AES/GCM/NoPadding");
        static final java.security.Provider CHACHA20_POLY1305 = provider("ChaCha20-Poly1305");

        private static java.security.Provider provider(String transformation) {
            try {
                return Cipher.getInstance(transformation).getProvider();
            } catch (GeneralSecurityException e) {
                return null;
            }
        }
    }

    /**
     * The parameters JCA takes a record's nonce in, holding it in an array of their own that each record
     * overwrites. JCA requires a parameter object per {@code Cipher.init}; a new {@link GCMParameterSpec} or
     * {@link IvParameterSpec} per record would allocate two objects and copy the nonce once more. A provider
     * reads the nonce only through {@code getIV()}, which returns a copy, as the JDK's own classes do.
     */
    private static final class RecordNonceGcmSpec extends GCMParameterSpec {
        final byte[] nonce;

        RecordNonceGcmSpec(int tagBits, int nonceLength) {
            super(tagBits, new byte[nonceLength]);
            this.nonce = new byte[nonceLength];
        }

        @Override
        public byte[] getIV() {
            return nonce.clone();
        }
    }

    /** As {@link RecordNonceGcmSpec}, for ChaCha20-Poly1305. */
    private static final class RecordNonceIvSpec extends IvParameterSpec {
        final byte[] nonce;

        RecordNonceIvSpec(int nonceLength) {
            super(new byte[nonceLength]);
            this.nonce = new byte[nonceLength];
        }

        @Override
        public byte[] getIV() {
            return nonce.clone();
        }
    }

    private final AeadAlgorithm algorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final AlgorithmParameterSpec params;
    private final byte[] paramsNonce;

    JdkAead(AeadAlgorithm algorithm, byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != algorithm.keyLength()) {
            throw TlsAlertException.internalError("AEAD key has the wrong length", null);
        }
        this.algorithm = algorithm;
        try {
            if (algorithm == AeadAlgorithm.CHACHA20_POLY1305) {
                this.cipher = Cipher.getInstance("ChaCha20-Poly1305", Ciphers.CHACHA20_POLY1305);
                this.key = new SecretKeySpec(keyBytes, "ChaCha20");
            } else {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding", Ciphers.AES_GCM);
                this.key = new SecretKeySpec(keyBytes, "AES");
            }
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError(algorithm + " unavailable", e);
        }
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305) {
            RecordNonceIvSpec spec = new RecordNonceIvSpec(algorithm.ivLength());
            this.params = spec;
            this.paramsNonce = spec.nonce;
        } else {
            RecordNonceGcmSpec spec = new RecordNonceGcmSpec(algorithm.tagLength() * 8, algorithm.ivLength());
            this.params = spec;
            this.paramsNonce = spec.nonce;
        }
    }

    /**
     * The same algorithm under a new key, on {@code retired}'s {@link Cipher} (which {@code retired} must
     * never use again): a JCA cipher is re-initialised for every record anyway, so only the key differs.
     */
    JdkAead(JdkAead retired, byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != retired.algorithm.keyLength()) {
            throw TlsAlertException.internalError("AEAD key has the wrong length", null);
        }
        this.algorithm = retired.algorithm;
        this.cipher = retired.cipher;
        this.key = new SecretKeySpec(keyBytes, retired.key.getAlgorithm());
        this.params = retired.params; // retired never uses them again either
        this.paramsNonce = retired.paramsNonce;
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /** The parameters for one record: {@code nonce} copied into the array {@link #params} reads. */
    private AlgorithmParameterSpec params(byte[] nonce) {
        if (nonce == null || nonce.length != paramsNonce.length) {
            throw TlsAlertException.internalError("AEAD nonce has the wrong length", null);
        }
        System.arraycopy(nonce, 0, paramsNonce, 0, nonce.length);
        return params;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, params(nonce));
            if (aadLen > 0) {
                cipher.updateAAD(aad, 0, aadLen);
            }
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlertException.internalError(algorithm + " encryption failed", e);
        }
    }

    /** RFC 8446 section 5.2: a record that fails to authenticate ends the connection with bad_record_mac. */
    @Override
    public int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (len < algorithm.tagLength()) {
            throw TlsAlertException.fatal(dev.customtls.core.constants.AlertDescription.BAD_RECORD_MAC,
                    "record shorter than the AEAD tag");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
            if (aadLen > 0) {
                cipher.updateAAD(aad, 0, aadLen);
            }
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            // the JDK never releases unauthenticated plaintext, but clear the output region anyway
            Arrays.fill(out, outOff, Math.min(out.length, outOff + len - algorithm.tagLength()), (byte) 0);
            throw TlsAlertException.fatal(dev.customtls.core.constants.AlertDescription.BAD_RECORD_MAC,
                    "record authentication failed");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlertException.internalError(algorithm + " decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "JdkAead[" + algorithm + "]";
    }
}
