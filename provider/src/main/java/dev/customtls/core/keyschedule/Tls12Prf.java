package dev.customtls.core.keyschedule;

import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * The TLS 1.2 PRF (RFC 5246 section 5): PRF(secret, label, seed) = P_hash(secret, label + seed) with the
 * cipher suite's hash (SHA-256, or SHA-384 for the _SHA384 suites), and what TLS 1.2 derives with it.
 * Stateless and thread-safe.
 */
public final class Tls12Prf {

    /** Length of the TLS 1.2 master secret (RFC 5246 section 8.1). */
    public static final int MASTER_SECRET_LENGTH = 48;
    /** Length of Finished.verify_data for all TLS 1.2 suites we support (RFC 5246 section 7.4.9). */
    public static final int VERIFY_DATA_LENGTH = 12;

    private final TlsCrypto crypto;
    private final HashAlgorithm hash;

    public Tls12Prf(TlsCrypto crypto, HashAlgorithm hash) {
        if (crypto == null || hash == null) {
            throw TlsAlertException.internalError("PRF needs a backend and a hash", null);
        }
        this.crypto = crypto;
        this.hash = hash;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /**
     * PRF(secret, label, seed) truncated to {@code length} bytes: P_hash(secret, label + seed) where
     * A(0) = seed', A(i) = HMAC(secret, A(i-1)) and the output is HMAC(secret, A(1) + seed') +
     * HMAC(secret, A(2) + seed') + ... (RFC 5246 section 5).
     */
    public byte[] prf(byte[] secret, String label, byte[] seed, int length) {
        return prf(secret, label.getBytes(StandardCharsets.US_ASCII), seed, length);
    }

    /** {@link #prf(byte[], String, byte[], int)} with the label as bytes (an exporter's label, UTF-8). */
    public byte[] prf(byte[] secret, byte[] l, byte[] seed, int length) {
        if (length < 0) {
            throw TlsAlertException.internalError("PRF length out of range", null);
        }
        byte[] labelSeed = new byte[l.length + seed.length];
        System.arraycopy(l, 0, labelSeed, 0, l.length);
        System.arraycopy(seed, 0, labelSeed, l.length, seed.length);

        Mac mac = crypto.hmac(hash, secret);
        byte[] out = new byte[length];
        byte[] a = labelSeed;
        int done = 0;
        while (done < length) {
            a = mac.doFinal(a); // A(i)
            mac.update(a);
            mac.update(labelSeed);
            byte[] block = mac.doFinal();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            Arrays.fill(block, (byte) 0);
            done += n;
        }
        Arrays.fill(a, (byte) 0);
        return out;
    }

    /**
     * master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47]
     * (RFC 5246 section 8.1).
     */
    public byte[] masterSecret(byte[] preMaster, byte[] clientRandom, byte[] serverRandom) {
        return prf(preMaster, "master secret", concat(clientRandom, serverRandom), MASTER_SECRET_LENGTH);
    }

    /**
     * master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47] (RFC 7627
     * section 4), session_hash being the hash of the handshake through ClientKeyExchange.
     */
    public byte[] extendedMasterSecret(byte[] preMaster, byte[] sessionHash) {
        return prf(preMaster, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /**
     * key_block = PRF(master_secret, "key expansion", server_random + client_random) (RFC 5246 section
     * 6.3); note the order of the randoms.
     */
    public byte[] keyBlock(byte[] master, byte[] serverRandom, byte[] clientRandom, int length) {
        return prf(master, "key expansion", concat(serverRandom, clientRandom), length);
    }

    /**
     * verify_data = PRF(master_secret, "client finished" | "server finished", Hash(handshake_messages))
     * [0..11] (RFC 5246 section 7.4.9).
     */
    public byte[] verifyData(byte[] master, boolean client, byte[] handshakeHash) {
        return prf(master, client ? "client finished" : "server finished", handshakeHash, VERIFY_DATA_LENGTH);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public String toString() {
        return "Tls12Prf[" + hash + "]";
    }
}
