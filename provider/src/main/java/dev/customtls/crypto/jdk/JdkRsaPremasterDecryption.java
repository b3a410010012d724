package dev.customtls.crypto.jdk;

import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.RsaPremasterEncoding;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * RSA premaster recovery through the JCA, for keys Bouncy Castle cannot take (no PKCS #8 encoding: a key in
 * a hardware token or another provider's opaque key). Raw RSA ({@code RSA/ECB/NoPadding}, which the key's
 * provider blinds) and then {@link RsaPremasterEncoding}'s branch-free checks, so a bad padding never becomes
 * an exception. Only a key whose provider has no raw RSA falls back to {@code RSA/ECB/PKCS1Padding}, which
 * reports bad padding with an exception: the weaker path, taken for the key, never for the client's bytes.
 */
final class JdkRsaPremasterDecryption {

    private JdkRsaPremasterDecryption() {
    }

    static byte[] decrypt(PrivateKey key, byte[] encrypted, int clientVersion, SecureRandom random) {
        byte[] fallback = new byte[RsaPremasterEncoding.LENGTH];
        random.nextBytes(fallback);
        RsaPremasterEncoding.withVersion(fallback, clientVersion);
        Cipher raw = cipher("RSA/ECB/NoPadding", key, random);
        if (raw == null) {
            return withPkcs1Padding(key, encrypted, clientVersion, fallback, random);
        }
        int k = modulusLength(key, raw);
        if (k <= 0 || encrypted.length == 0 || encrypted.length > k) {
            return fallback; // the length is public: no secret is involved yet
        }
        byte[] em;
        try {
            em = raw.doFinal(encrypted);
        } catch (GeneralSecurityException | RuntimeException e) {
            return fallback; // a value not below the modulus: decided on public values only
        }
        if (em.length < k) {
            em = leftPad(em, k); // providers that drop leading zeros (the JDK's does not)
        }
        byte[] premaster = RsaPremasterEncoding.select(em, fallback, clientVersion);
        Arrays.fill(em, (byte) 0);
        Arrays.fill(fallback, (byte) 0);
        return premaster;
    }

    private static Cipher cipher(String transformation, PrivateKey key, SecureRandom random) {
        try {
            Cipher c = Cipher.getInstance(transformation);
            c.init(Cipher.DECRYPT_MODE, key, random);
            return c;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The modulus length in bytes: from the key, or, for a key that does not show its modulus (a token's), the
     * length of a raw RSA result, which is the modulus length.
     */
    private static int modulusLength(PrivateKey key, Cipher raw) {
        if (key instanceof RSAKey r && r.getModulus() != null) {
            return (r.getModulus().bitLength() + 7) / 8;
        }
        try {
            return raw.getOutputSize(1);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static byte[] leftPad(byte[] em, int k) {
        byte[] padded = new byte[k];
        System.arraycopy(em, 0, padded, k - em.length, em.length);
        Arrays.fill(em, (byte) 0);
        return padded;
    }

    /** The key's provider has no raw RSA: its PKCS #1 decryption, whose failures all end in {@code fallback}. */
    private static byte[] withPkcs1Padding(PrivateKey key, byte[] encrypted, int clientVersion, byte[] fallback,
            SecureRandom random) {
        Cipher pkcs1 = cipher("RSA/ECB/PKCS1Padding", key, random);
        if (pkcs1 == null) {
            throw TlsAlertException.internalError("the server's RSA key cannot decrypt the premaster secret", null);
        }
        byte[] decrypted;
        try {
            decrypted = pkcs1.doFinal(encrypted);
        } catch (GeneralSecurityException | RuntimeException e) {
            decrypted = new byte[0];
        }
        // Re-encode as a k-byte EME-PKCS1-v1_5 block so the same branch-free check applies: a 48-byte value
        // gets a well-formed header, anything else a header that fails it.
        byte[] em = new byte[RsaPremasterEncoding.LENGTH + 11];
        em[1] = decrypted.length == RsaPremasterEncoding.LENGTH ? (byte) 2 : 0;
        Arrays.fill(em, 2, 10, (byte) 1);
        System.arraycopy(decrypted, 0, em, 11, Math.min(decrypted.length, RsaPremasterEncoding.LENGTH));
        byte[] premaster = RsaPremasterEncoding.select(em, fallback, clientVersion);
        Arrays.fill(em, (byte) 0);
        Arrays.fill(decrypted, (byte) 0);
        return premaster;
    }
}
