package dev.customtls.crypto.jdk;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FixedLength;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** An X25519 or X448 key share (RFC 7748, RFC 8446 section 4.2.8.2) over the JDK's {@code XDH}. */
final class JdkXdhKeyShare implements KeyShare {

    private final NamedGroup group;
    private final NamedParameterSpec spec;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private boolean used;

    private JdkXdhKeyShare(NamedGroup group, PrivateKey privateKey, byte[] publicKey) {
        this.group = group;
        this.spec = spec(group);
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static JdkXdhKeyShare generate(NamedGroup group, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
            g.initialize(spec(group), random);
            KeyPair kp = g.generateKeyPair();
            byte[] pub = FixedLength.toLittleEndian(((XECPublicKey) kp.getPublic()).getU(), group.publicKeyLength());
            return new JdkXdhKeyShare(group, kp.getPrivate(), pub);
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError("cannot generate " + group.rfcName() + " key", e);
        }
    }

    /**
     * A key share with a fixed private scalar, for known-answer tests (RFC 8448 traces). The public value
     * is computed as X25519(k, 9) / X448(k, 5), RFC 7748 section 6.
     */
    static JdkXdhKeyShare fromPrivate(NamedGroup group, byte[] scalar) {
        try {
            PrivateKey priv = KeyFactory.getInstance("XDH")
                    .generatePrivate(new XECPrivateKeySpec(spec(group), scalar.clone()));
            byte[] base = new byte[group.publicKeyLength()];
            base[0] = (byte) (group == NamedGroup.X25519 ? 9 : 5);
            JdkXdhKeyShare tmp = new JdkXdhKeyShare(group, priv, new byte[0]);
            byte[] pub = tmp.compute(base);
            return new JdkXdhKeyShare(group, priv, pub);
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError("bad " + group.rfcName() + " private key", e);
        }
    }

    private static NamedParameterSpec spec(NamedGroup group) {
        return group == NamedGroup.X25519 ? NamedParameterSpec.X25519 : NamedParameterSpec.X448;
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
     * RFC 8446 section 7.4.2: the peer value must be exactly 32 (56) bytes, and an all-zero shared secret
     * (a small-order peer point) is refused with illegal_parameter.
     */
    @Override
    public byte[] agree(byte[] peerPublicKey) {
        if (used) {
            throw TlsAlertException.internalError("key share already used", null);
        }
        if (peerPublicKey == null || peerPublicKey.length != group.publicKeyLength()) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share has the wrong length");
        }
        used = true;
        return compute(peerPublicKey);
    }

    private byte[] compute(byte[] peer) {
        byte[] u = peer.clone();
        if (group == NamedGroup.X25519) {
            u[u.length - 1] &= 0x7f; // RFC 7748 section 5: mask the unused most significant bit
        }
        BigInteger uInt = FixedLength.fromLittleEndian(u);
        byte[] secret;
        try {
            PublicKey peerKey = KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(spec, uInt));
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(privateKey);
            ka.doPhase(peerKey, true);
            secret = ka.generateSecret();
        } catch (InvalidKeyException e) {
            // the JDK refuses small-order points (all-zero output) here
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is invalid");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is invalid");
        }
        if (FixedLength.isAllZero(secret)) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " shared secret is all zero");
        }
        return secret;
    }

    @Override
    public String toString() {
        return "JdkXdhKeyShare[" + group.rfcName() + "]";
    }
}
