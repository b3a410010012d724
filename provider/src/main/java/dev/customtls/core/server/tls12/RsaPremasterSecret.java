package dev.customtls.core.server.tls12;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import javax.crypto.Cipher;

/**
 * Recovers the RSA-encrypted premaster secret without revealing whether the padding was right (RFC 5246
 * section 7.4.7.1, the Bleichenbacher countermeasure). A random 48-byte premaster with the client_version
 * is generated first; the decrypted value replaces it only if it is 48 bytes and starts with the
 * client_version, chosen with a constant-time mask. Any failure leads to the same path afterwards: a
 * master secret the client does not share, so the client's Finished fails to decrypt (bad_record_mac),
 * with the same alert, exception class and message as any other wrong premaster.
 */
final class RsaPremasterSecret {
    static final int LENGTH = 48;

    private RsaPremasterSecret() {
    }

    static byte[] decrypt(PrivateKey key, byte[] encrypted, int clientVersion, SecureRandom random) {
        byte[] fallback = new byte[LENGTH];
        random.nextBytes(fallback);
        fallback[0] = (byte) (clientVersion >>> 8);
        fallback[1] = (byte) clientVersion;
        byte[] decrypted;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key, random);
            decrypted = rsa.doFinal(encrypted);
        } catch (GeneralSecurityException | RuntimeException e) {
            decrypted = new byte[0];
        }
        return select(decrypted, fallback, clientVersion);
    }

    /** {@code decrypted} if it is 48 bytes starting with {@code clientVersion}, else {@code fallback}; constant time. */
    static byte[] select(byte[] decrypted, byte[] fallback, int clientVersion) {
        byte[] candidate = new byte[LENGTH];
        System.arraycopy(decrypted, 0, candidate, 0, Math.min(decrypted.length, LENGTH));
        int diff = decrypted.length ^ LENGTH;
        diff |= (candidate[0] & 0xff) ^ (clientVersion >>> 8);
        diff |= (candidate[1] & 0xff) ^ (clientVersion & 0xff);
        // mask = -1 when diff != 0 (take the fallback), 0 when the decrypted value is good.
        int mask = (diff | -diff) >> 31;
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = (byte) ((fallback[i] & mask) | (candidate[i] & ~mask));
        }
        java.util.Arrays.fill(candidate, (byte) 0);
        java.util.Arrays.fill(decrypted, (byte) 0);
        java.util.Arrays.fill(fallback, (byte) 0);
        return out;
    }
}
