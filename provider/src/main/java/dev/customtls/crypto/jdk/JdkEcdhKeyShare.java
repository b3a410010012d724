package dev.customtls.crypto.jdk;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FixedLength;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * A NIST P-256/P-384/P-521 key share over the JDK's {@code EC}/{@code ECDH} (RFC 8446 section 4.2.8.2:
 * uncompressed points only; the shared secret is the x-coordinate, RFC 8446 section 7.4.2).
 */
final class JdkEcdhKeyShare implements KeyShare {

    private final NamedGroup group;
    private final ECParameterSpec params;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private boolean used;

    private JdkEcdhKeyShare(NamedGroup group, ECParameterSpec params, PrivateKey privateKey, byte[] publicKey) {
        this.group = group;
        this.params = params;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static JdkEcdhKeyShare generate(NamedGroup group, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(group.rfcName()), random);
            KeyPair kp = g.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) kp.getPublic();
            return new JdkEcdhKeyShare(group, pub.getParams(), kp.getPrivate(),
                    encodePoint(pub.getW(), fieldLength(group)));
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError("cannot generate " + group.rfcName() + " key", e);
        }
    }

    static int fieldLength(NamedGroup group) {
        return (group.publicKeyLength() - 1) / 2;
    }

    static byte[] encodePoint(ECPoint w, int fieldLength) {
        byte[] out = new byte[1 + 2 * fieldLength];
        out[0] = 4;
        System.arraycopy(FixedLength.toBytes(w.getAffineX(), fieldLength), 0, out, 1, fieldLength);
        System.arraycopy(FixedLength.toBytes(w.getAffineY(), fieldLength), 0, out, 1 + fieldLength, fieldLength);
        return out;
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * RFC 8446 section 4.2.8.2: the peer value is an uncompressed point (0x04 || X || Y) of the exact
     * length; section 7.4.2 / RFC 8422 section 5.11: it must be a valid point on the curve. Anything else
     * is illegal_parameter.
     */
    @Override
    public byte[] agree(byte[] peerPublicKey) {
        if (used) {
            throw TlsAlertException.internalError("key share already used", null);
        }
        ECPoint point = decodeAndValidate(peerPublicKey);
        used = true;
        byte[] secret;
        try {
            PublicKey peer = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(privateKey);
            ka.doPhase(peer, true);
            secret = ka.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is invalid");
        }
        return FixedLength.resize(secret, fieldLength(group));
    }

    private ECPoint decodeAndValidate(byte[] enc) {
        int n = fieldLength(group);
        if (enc == null || enc.length != 1 + 2 * n) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share has the wrong length");
        }
        if (enc[0] != 4) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is not an uncompressed point");
        }
        byte[] xb = new byte[n];
        byte[] yb = new byte[n];
        System.arraycopy(enc, 1, xb, 0, n);
        System.arraycopy(enc, 1 + n, yb, 0, n);
        BigInteger x = new BigInteger(1, xb);
        BigInteger y = new BigInteger(1, yb);
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " point coordinate out of range");
        }
        // y^2 == x^3 + a*x + b (mod p); the point at infinity has no affine encoding, and the NIST curves
        // have cofactor 1 so any point on the curve is in the prime-order group
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(params.getCurve().getA()).multiply(x).add(params.getCurve().getB()).mod(p);
        if (!lhs.equals(rhs)) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " point is not on the curve");
        }
        return new ECPoint(x, y);
    }

    @Override
    public String toString() {
        return "JdkEcdhKeyShare[" + group.rfcName() + "]";
    }
}
