package dev.customtls.crypto;

/**
 * The checks of an RSA-transported TLS 1.2 premaster secret after the raw RSA decryption (RFC 5246 section
 * 7.4.7.1; the encoding is EME-PKCS1-v1_5, RFC 8017 section 7.2.2), without a branch or an early exit on
 * the decrypted bytes: the time taken depends only on their length, which is the public modulus length.
 *
 * <p>For a modulus of {@code k} bytes the encoding is {@code 0x00 || 0x02 || PS || 0x00 || M} where PS is
 * {@code k - 51} non-zero bytes (at least eight for any modulus of 512 bits or more) and M the 48-byte
 * premaster, whose first two bytes are the ClientHello's {@code client_version}.
 */
public final class RsaPremasterEncoding {
    /** Length of a TLS 1.2 premaster secret. */
    public static final int LENGTH = 48;

    private RsaPremasterEncoding() {
    }

    /**
     * The premaster in {@code em}, the raw RSA decryption as {@code k} bytes (leading zeros included), if it is
     * a well-formed encoding of a 48-byte value starting with {@code clientVersion}; otherwise
     * {@code fallback}. Both are chosen with a mask, never a branch. The result always starts with
     * {@code clientVersion}. Neither input is modified.
     */
    public static byte[] select(byte[] em, byte[] fallback, int clientVersion) {
        int k = em.length;
        if (k < LENGTH + 11) {
            // Shorter than any RSA key we accept: a public fact about the key, not about the client's bytes.
            return withVersion(fallback.clone(), clientVersion);
        }
        int bad = em[0] & 0xff;
        bad |= (em[1] & 0xff) ^ 0x02;
        int separator = k - LENGTH - 1;
        for (int i = 2; i < separator; i++) {
            bad |= ((em[i] & 0xff) - 1) >>> 31; // 1 for a zero byte inside PS
        }
        bad |= em[separator] & 0xff;
        bad |= (em[separator + 1] & 0xff) ^ ((clientVersion >>> 8) & 0xff);
        bad |= (em[separator + 2] & 0xff) ^ (clientVersion & 0xff);
        int useFallback = (bad | -bad) >> 31; // -1 when anything was wrong, 0 when all was right
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = (byte) ((fallback[i] & useFallback) | (em[separator + 1 + i] & ~useFallback));
        }
        return withVersion(out, clientVersion);
    }

    /**
     * A fallback premaster: the client's version and 46 random bytes (RFC 5246 section 7.4.7.1). Writing the
     * version over a decrypted value changes nothing: it is only accepted when it starts with that version.
     */
    public static byte[] withVersion(byte[] premaster, int clientVersion) {
        premaster[0] = (byte) (clientVersion >>> 8);
        premaster[1] = (byte) clientVersion;
        return premaster;
    }
}
