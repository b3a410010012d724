package dev.customtls.core.keyschedule;

import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * HKDF (RFC 5869) over one hash, with TLS 1.3's HKDF-Expand-Label and Derive-Secret (RFC 8446 section 7.1).
 * Stateless and thread-safe: every call takes its HMAC from the {@link TlsCrypto}.
 */
public final class Hkdf {

    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];
    /** Never handed out: {@link #emptyHash()} returns copies. */
    private static final byte[][] EMPTY_HASHES = emptyHashes();

    private final TlsCrypto crypto;
    private final HashAlgorithm hash;

    public Hkdf(TlsCrypto crypto, HashAlgorithm hash) {
        if (crypto == null || hash == null) {
            throw TlsAlertException.internalError("HKDF needs a backend and a hash", null);
        }
        this.crypto = crypto;
        this.hash = hash;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public int hashLength() {
        return hash.length();
    }

    /**
     * HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 section 2.2). A null salt or IKM stands
     * for a string of {@link #hashLength()} zero bytes, as RFC 8446 section 7.1 uses them.
     */
    public byte[] extract(byte[] salt, byte[] ikm) {
        Mac mac = crypto.hmac(hash, salt != null ? salt : new byte[hash.length()]);
        return mac.doFinal(ikm != null ? ikm : new byte[hash.length()]);
    }

    /**
     * HKDF-Expand(PRK, info, L) (RFC 5869 section 2.3): T(i) = HMAC(PRK, T(i-1) | info | i), L at most
     * 255 * HashLen.
     */
    public byte[] expand(byte[] prk, byte[] info, int length) {
        int hashLen = hash.length();
        if (length < 0 || length > 255 * hashLen) {
            throw TlsAlertException.internalError("HKDF-Expand length out of range", null);
        }
        Mac mac = crypto.hmac(hash, prk);
        byte[] out = new byte[length];
        byte[] t = EMPTY;
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            byte[] next = mac.doFinal();
            Arrays.fill(t, (byte) 0);
            t = next;
            int n = Math.min(hashLen, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    /**
     * HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 section 7.1): the info is the HkdfLabel
     * structure {uint16 length; opaque label&lt;7..255&gt; = "tls13 " + Label; opaque context&lt;0..255&gt;}.
     *
     * @param label the label without the {@code "tls13 "} prefix
     */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        int hashLen = hash.length();
        if (length < 1 || length > hashLen || !isShortAscii(label) || (context != null && context.length > 255)) {
            return expand(secret, hkdfLabel(label, context, length), length);
        }
        // One block, T(1) = HMAC(PRK, HkdfLabel | 0x01): the label is fed to the MAC as it is encoded, with no
        // intermediate arrays; the result is the same bytes as expand(secret, hkdfLabel(...), length).
        Mac mac = crypto.hmac(hash, secret);
        int labelLen = LABEL_PREFIX.length + label.length();
        mac.update((byte) (length >>> 8));
        mac.update((byte) length);
        mac.update((byte) labelLen);
        mac.update(LABEL_PREFIX);
        for (int i = 0; i < label.length(); i++) {
            mac.update((byte) label.charAt(i));
        }
        if (context == null) {
            mac.update((byte) 0);
        } else {
            mac.update((byte) context.length);
            mac.update(context);
        }
        mac.update((byte) 1);
        byte[] t = mac.doFinal();
        if (length == hashLen) {
            return t;
        }
        byte[] out = Arrays.copyOf(t, length);
        Arrays.fill(t, (byte) 0);
        return out;
    }

    /** Whether {@code label} is ASCII and short enough for HkdfLabel once prefixed (so encodes char by char). */
    private static boolean isShortAscii(String label) {
        if (LABEL_PREFIX.length + label.length() > 255) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * HKDF-Expand-Label with a label given as bytes (an application's exporter label, UTF-8), taking the
     * general path of {@link #expandLabel(byte[], String, byte[], int)}.
     *
     * @throws TlsAlertException internal_error if {@code "tls13 " + label} is longer than 255 bytes, the
     *     context longer than 255 bytes or the length outside 0..255 * Hash.length
     */
    public byte[] expandLabel(byte[] secret, byte[] label, byte[] context, int length) {
        return expand(secret, hkdfLabel(label, context, length), length);
    }

    /** The encoded HkdfLabel structure of RFC 8446 section 7.1. */
    static byte[] hkdfLabel(String label, byte[] context, int length) {
        return hkdfLabel(label.getBytes(StandardCharsets.US_ASCII), context, length);
    }

    private static byte[] hkdfLabel(byte[] l, byte[] context, int length) {
        byte[] c = context == null ? EMPTY : context;
        int labelLen = LABEL_PREFIX.length + l.length;
        if (labelLen > 255 || c.length > 255 || length < 0 || length > 0xffff) {
            throw TlsAlertException.internalError("HkdfLabel field out of range", null);
        }
        byte[] info = new byte[2 + 1 + labelLen + 1 + c.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) labelLen;
        System.arraycopy(LABEL_PREFIX, 0, info, 3, LABEL_PREFIX.length);
        System.arraycopy(l, 0, info, 3 + LABEL_PREFIX.length, l.length);
        info[3 + labelLen] = (byte) c.length;
        System.arraycopy(c, 0, info, 4 + labelLen, c.length);
        return info;
    }

    /**
     * Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages),
     * Hash.length) (RFC 8446 section 7.1); the caller passes the transcript hash.
     */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hash.length());
    }

    /** Hash(data), e.g. Transcript-Hash("") for the "derived" and binder steps. */
    public byte[] hash(byte[] data) {
        MessageDigest md = crypto.digest(hash);
        return md.digest(data);
    }

    /** HMAC-Hash(key, data). */
    public byte[] hmac(byte[] key, byte[] data) {
        return crypto.hmac(hash, key).doFinal(data);
    }

    /** Transcript-Hash of no messages: Hash("") (a constant of the hash function; a fresh copy). */
    byte[] emptyHash() {
        return EMPTY_HASHES[hash.ordinal()].clone();
    }

    /** Hash("") of every {@link HashAlgorithm}, by ordinal; a constant, so computed once with the JDK. */
    private static byte[][] emptyHashes() {
        HashAlgorithm[] all = HashAlgorithm.values();
        byte[][] out = new byte[all.length][];
        for (HashAlgorithm h : all) {
            try {
                out[h.ordinal()] = MessageDigest.getInstance(h.jcaName()).digest();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new ExceptionInInitializerError(e); // every JDK has SHA-256, SHA-384 and SHA-512
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Hkdf[" + hash + "]";
    }
}
