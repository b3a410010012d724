package dev.customtls.core.keyschedule;

import dev.customtls.core.constants.AeadAlgorithm;

import java.util.Arrays;

/**
 * The TLS 1.2 key block split into write keys and IVs for an AEAD suite (RFC 5246 section 6.3; MAC keys
 * are empty for AEAD ciphers, RFC 5246 section 6.2.3.3). The fixed IV is 4 bytes for AES-GCM (RFC 5288
 * section 3) and 12 for ChaCha20-Poly1305 (RFC 7905 section 2). Secrets: {@link #destroy()} after use,
 * never printed.
 */
public final class Tls12KeyBlock {
    private final byte[] clientWriteKey;
    private final byte[] serverWriteKey;
    private final byte[] clientWriteIv;
    private final byte[] serverWriteIv;

    private Tls12KeyBlock(byte[] cwk, byte[] swk, byte[] civ, byte[] siv) {
        this.clientWriteKey = cwk;
        this.serverWriteKey = swk;
        this.clientWriteIv = civ;
        this.serverWriteIv = siv;
    }

    /** Length of the fixed (implicit) IV taken from the key block. */
    public static int fixedIvLength(AeadAlgorithm aead) {
        return aead == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4;
    }

    /** key_block = PRF(master_secret, "key expansion", server_random + client_random), split in order. */
    public static Tls12KeyBlock derive(Tls12Prf prf, byte[] masterSecret, byte[] serverRandom, byte[] clientRandom,
                                       AeadAlgorithm aead) {
        int k = aead.keyLength();
        int iv = fixedIvLength(aead);
        byte[] block = prf.keyBlock(masterSecret, serverRandom, clientRandom, 2 * k + 2 * iv);
        Tls12KeyBlock out = new Tls12KeyBlock(Arrays.copyOfRange(block, 0, k), Arrays.copyOfRange(block, k, 2 * k),
                Arrays.copyOfRange(block, 2 * k, 2 * k + iv), Arrays.copyOfRange(block, 2 * k + iv, 2 * k + 2 * iv));
        Arrays.fill(block, (byte) 0);
        return out;
    }

    public byte[] writeKey(boolean client) {
        return client ? clientWriteKey : serverWriteKey;
    }

    public byte[] writeIv(boolean client) {
        return client ? clientWriteIv : serverWriteIv;
    }

    public void destroy() {
        Arrays.fill(clientWriteKey, (byte) 0);
        Arrays.fill(serverWriteKey, (byte) 0);
        Arrays.fill(clientWriteIv, (byte) 0);
        Arrays.fill(serverWriteIv, (byte) 0);
    }

    @Override
    public String toString() {
        return "Tls12KeyBlock[secret]";
    }
}
