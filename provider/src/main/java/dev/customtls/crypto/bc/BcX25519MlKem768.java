package dev.customtls.crypto.bc;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.ServerKeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.MlKem768;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem, code point 0x11EC): ML-KEM-768 (FIPS 203; Bouncy Castle's or the
 * JDK's, {@link MlKem768}) and Bouncy Castle's X25519. Concatenations put ML-KEM first: the client's key_share value is the encapsulation key (1184 bytes) then
 * its X25519 key (32); the server's is the ciphertext (1088) then its X25519 key; the shared secret is the ML-KEM
 * secret (32) then the X25519 one (32). This object is the client's side; {@link #respond} is the server's.
 */
final class BcX25519MlKem768 implements KeyShare {

    private static final int ENCAPSULATION_KEY = MlKem768.ENCAPSULATION_KEY;
    private static final int CIPHERTEXT = MlKem768.CIPHERTEXT;
    private static final int X25519 = 32;
    private static final int Q = 3329;

    private final MlKem768.Decapsulator decapsulationKey;
    private final byte[] encapsulationKey;
    private final KeyShare x25519;
    private boolean used;

    private BcX25519MlKem768(MlKem768.Decapsulator decapsulationKey, byte[] encapsulationKey, KeyShare x25519) {
        this.decapsulationKey = decapsulationKey;
        this.encapsulationKey = encapsulationKey;
        this.x25519 = x25519;
    }

    /** The client's side: a fresh ML-KEM-768 key pair and a fresh X25519 key pair. */
    static BcX25519MlKem768 generate(MlKem768 kem, SecureRandom random) {
        MlKem768.GeneratedKey k = kem.generate();
        return new BcX25519MlKem768(k.decapsulator(), k.encapsulationKey(),
                BcXdhKeyShare.generate(NamedGroup.X25519, random));
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.X25519MLKEM768;
    }

    @Override
    public byte[] publicKey() {
        byte[] out = Arrays.copyOf(encapsulationKey, ENCAPSULATION_KEY + X25519);
        System.arraycopy(x25519.publicKey(), 0, out, ENCAPSULATION_KEY, X25519);
        return out;
    }

    /** The server's value: the ML-KEM ciphertext (decapsulated; ML-KEM rejects implicitly) and its X25519 key. */
    @Override
    public byte[] agree(byte[] serverShare) {
        if (used) {
            throw TlsAlertException.internalError("key share already used", null);
        }
        if (serverShare == null || serverShare.length != CIPHERTEXT + X25519) {
            throw TlsAlertException.illegalParameter("X25519MLKEM768 key share from the server has the wrong length ("
                    + (serverShare == null ? 0 : serverShare.length) + " bytes, expected " + (CIPHERTEXT + X25519) + ")");
        }
        used = true;
        byte[] mlkem = decapsulationKey.decapsulate(Arrays.copyOf(serverShare, CIPHERTEXT));
        byte[] ecdh = x25519.agree(Arrays.copyOfRange(serverShare, CIPHERTEXT, CIPHERTEXT + X25519));
        return concat(mlkem, ecdh);
    }

    /**
     * The server's side: encapsulates to the client's ML-KEM key, after the encapsulation key check of FIPS 203
     * section 7.2 (every coefficient below q), and agrees with its X25519 key using a fresh one of ours.
     */
    static ServerKeyShare respond(MlKem768 kem, byte[] clientShare, SecureRandom random) {
        if (clientShare == null || clientShare.length != ENCAPSULATION_KEY + X25519) {
            throw TlsAlertException.illegalParameter("X25519MLKEM768 key share from the client has the wrong length ("
                    + (clientShare == null ? 0 : clientShare.length) + " bytes, expected " + (ENCAPSULATION_KEY + X25519)
                    + ")");
        }
        byte[] ek = Arrays.copyOf(clientShare, ENCAPSULATION_KEY);
        if (!coefficientsReduced(ek)) {
            throw TlsAlertException.illegalParameter("X25519MLKEM768: the client's ML-KEM encapsulation key fails the "
                    + "modulus check (FIPS 203 section 7.2)");
        }
        KeyShare ours = BcXdhKeyShare.generate(NamedGroup.X25519, random);
        byte[] ecdh = ours.agree(Arrays.copyOfRange(clientShare, ENCAPSULATION_KEY, ENCAPSULATION_KEY + X25519));
        MlKem768.Encapsulation encapsulation = kem.encapsulate(ek);
        byte[] ciphertext = encapsulation.ciphertext();
        byte[] mlkem = encapsulation.secret();
        byte[] share = Arrays.copyOf(ciphertext, CIPHERTEXT + X25519);
        System.arraycopy(ours.publicKey(), 0, share, CIPHERTEXT, X25519);
        return new ServerKeyShare(NamedGroup.X25519MLKEM768, share, concat(mlkem, ecdh));
    }

    /**
     * FIPS 203 section 7.2, the modulus check: the 384-byte-per-polynomial part of an encapsulation key packs
     * 12-bit coefficients, each of which must be below q = 3329 (ByteEncode12(ByteDecode12(ek)) == ek).
     */
    static boolean coefficientsReduced(byte[] ek) {
        int packed = ENCAPSULATION_KEY - 32; // the last 32 bytes are the seed rho
        int bad = 0;
        for (int i = 0; i < packed; i += 3) {
            int b0 = ek[i] & 0xff;
            int b1 = ek[i + 1] & 0xff;
            int b2 = ek[i + 2] & 0xff;
            int c0 = b0 | (b1 & 0x0f) << 8;
            int c1 = b1 >>> 4 | b2 << 4;
            bad |= (Q - 1 - c0) | (Q - 1 - c1); // negative when a coefficient is >= q
        }
        return bad >= 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "BcX25519MlKem768[client]";
    }
}
