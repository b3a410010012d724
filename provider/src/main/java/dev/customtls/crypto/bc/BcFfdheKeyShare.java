package dev.customtls.crypto.bc;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FfdheGroup;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;

/** An RFC 7919 finite-field DHE key share over Bouncy Castle (RFC 8446 sections 4.2.8.1, 7.4.1). */
final class BcFfdheKeyShare implements KeyShare {

    private final FfdheGroup ffdhe;
    private final DHParameters params;
    private final DHPrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private boolean used;

    private BcFfdheKeyShare(FfdheGroup ffdhe, DHParameters params, AsymmetricCipherKeyPair kp) {
        this.ffdhe = ffdhe;
        this.params = params;
        this.privateKey = (DHPrivateKeyParameters) kp.getPrivate();
        this.publicKey = ffdhe.encode(((DHPublicKeyParameters) kp.getPublic()).getY());
    }

    static BcFfdheKeyShare generate(FfdheGroup ffdhe, SecureRandom random) {
        // no q: the peer check is RFC 7919's range check, as in the JDK backend
        DHParameters params = new DHParameters(ffdhe.p(), ffdhe.g(), null, ffdhe.privateValueBits());
        DHKeyPairGenerator g = new DHKeyPairGenerator();
        g.init(new DHKeyGenerationParameters(random, params));
        return new BcFfdheKeyShare(ffdhe, params, g.generateKeyPair());
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
        BigInteger z;
        try {
            DHBasicAgreement a = new DHBasicAgreement();
            a.init(privateKey);
            z = a.calculateAgreement(new DHPublicKeyParameters(y, params));
        } catch (RuntimeException e) {
            throw TlsAlertException.illegalParameter(ffdhe.namedGroup().rfcName() + " key share is invalid");
        }
        return ffdhe.encode(z);
    }

    @Override
    public String toString() {
        return "BcFfdheKeyShare[" + ffdhe.namedGroup().rfcName() + "]";
    }
}
