package dev.customtls.crypto.bc;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FixedLength;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A NIST P-256/P-384/P-521 key share over Bouncy Castle's custom-curve arithmetic (RFC 8446 section
 * 4.2.8.2: uncompressed points only; the shared secret is the x-coordinate, RFC 8446 section 7.4.2).
 */
final class BcEcdhKeyShare implements KeyShare {

    private final NamedGroup group;
    private final ECDomainParameters domain;
    private final ECPrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private boolean used;

    private BcEcdhKeyShare(NamedGroup group, ECDomainParameters domain, AsymmetricCipherKeyPair kp) {
        this.group = group;
        this.domain = domain;
        this.privateKey = (ECPrivateKeyParameters) kp.getPrivate();
        this.publicKey = ((ECPublicKeyParameters) kp.getPublic()).getQ().getEncoded(false);
    }

    static BcEcdhKeyShare generate(NamedGroup group, ECDomainParameters domain, SecureRandom random) {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(domain, random));
        return new BcEcdhKeyShare(group, domain, g.generateKeyPair());
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
     * RFC 8446 section 4.2.8.2: an uncompressed point of the exact length; RFC 8422 section 5.11 /
     * RFC 8446 section 7.4.2: a valid point on the curve, not the point at infinity. Anything else is
     * illegal_parameter.
     */
    @Override
    public byte[] agree(byte[] peerPublicKey) {
        if (used) {
            throw TlsAlertException.internalError("key share already used", null);
        }
        if (peerPublicKey == null || peerPublicKey.length != group.publicKeyLength()) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share has the wrong length");
        }
        if (peerPublicKey[0] != 4) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is not an uncompressed point");
        }
        used = true;
        ECPublicKeyParameters peer;
        try {
            // decodePoint checks the coordinates are field elements on the curve; the parameters'
            // constructor refuses infinity and points outside the prime-order group
            ECPoint q = domain.getCurve().decodePoint(peerPublicKey);
            peer = new ECPublicKeyParameters(q, domain);
        } catch (RuntimeException e) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " point is not on the curve");
        }
        BigInteger z;
        ECDHBasicAgreement a = new ECDHBasicAgreement();
        try {
            a.init(privateKey);
            z = a.calculateAgreement(peer);
        } catch (RuntimeException e) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is invalid");
        }
        return FixedLength.toBytes(z, a.getFieldSize());
    }

    @Override
    public String toString() {
        return "BcEcdhKeyShare[" + group.rfcName() + "]";
    }
}
