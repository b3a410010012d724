package dev.customtls.crypto.jdk;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FfdheGroup;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

/** An RFC 7919 finite-field DHE key share over the JDK's {@code DH} (RFC 8446 sections 4.2.8.1, 7.4.1). */
final class JdkFfdheKeyShare implements KeyShare {

    private final FfdheGroup ffdhe;
    private final DHParameterSpec spec;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private boolean used;

    private JdkFfdheKeyShare(FfdheGroup ffdhe, DHParameterSpec spec, PrivateKey privateKey, byte[] publicKey) {
        this.ffdhe = ffdhe;
        this.spec = spec;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static JdkFfdheKeyShare generate(FfdheGroup ffdhe, SecureRandom random) {
        try {
            DHParameterSpec spec = new DHParameterSpec(ffdhe.p(), ffdhe.g(), ffdhe.privateValueBits());
            KeyPairGenerator g = KeyPairGenerator.getInstance("DH");
            g.initialize(spec, random);
            KeyPair kp = g.generateKeyPair();
            byte[] pub = ffdhe.encode(((DHPublicKey) kp.getPublic()).getY());
            return new JdkFfdheKeyShare(ffdhe, spec, kp.getPrivate(), pub);
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError("cannot generate " + ffdhe.namedGroup().rfcName() + " key", e);
        }
    }

    @Override
    public NamedGroup group() {
        return ffdhe.namedGroup();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * RFC 7919 section 5.1: 1 &lt; y &lt; p-1, else illegal_parameter; RFC 8446 section 7.4.1: the secret
     * is left-padded with zeros to the size of p.
     */
    @Override
    public byte[] agree(byte[] peerPublicKey) {
        if (used) {
            throw TlsAlertException.internalError("key share already used", null);
        }
        BigInteger y = ffdhe.decodePeerValue(peerPublicKey);
        used = true;
        byte[] secret;
        try {
            PublicKey peer = KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, spec.getP(), spec.getG()));
            KeyAgreement ka = KeyAgreement.getInstance("DH");
            ka.init(privateKey);
            ka.doPhase(peer, true);
            secret = ka.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlertException.illegalParameter(ffdhe.namedGroup().rfcName() + " key share is invalid");
        }
        return ffdhe.encode(new BigInteger(1, secret));
    }

    @Override
    public String toString() {
        return "JdkFfdheKeyShare[" + ffdhe.namedGroup().rfcName() + "]";
    }
}
