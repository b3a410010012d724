package dev.customtls.crypto.bc;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FixedLength;

import java.security.SecureRandom;

import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.agreement.X448Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PublicKeyParameters;

/** An X25519 or X448 key share (RFC 7748, RFC 8446 section 4.2.8.2) over Bouncy Castle's lightweight API. */
final class BcXdhKeyShare implements KeyShare {

    private final NamedGroup group;
    private final X25519PrivateKeyParameters x25519;
    private final X448PrivateKeyParameters x448;
    private final byte[] publicKey;
    private boolean used;

    private BcXdhKeyShare(NamedGroup group, X25519PrivateKeyParameters x25519, X448PrivateKeyParameters x448) {
        this.group = group;
        this.x25519 = x25519;
        this.x448 = x448;
        this.publicKey = x25519 != null ? x25519.generatePublicKey().getEncoded() : x448.generatePublicKey().getEncoded();
    }

    static BcXdhKeyShare generate(NamedGroup group, SecureRandom random) {
        return group == NamedGroup.X25519
                ? new BcXdhKeyShare(group, new X25519PrivateKeyParameters(random), null)
                : new BcXdhKeyShare(group, null, new X448PrivateKeyParameters(random));
    }

    /** A key share with a fixed private scalar, for known-answer tests (RFC 8448 traces). */
    static BcXdhKeyShare fromPrivate(NamedGroup group, byte[] scalar) {
        if (scalar == null || scalar.length != group.publicKeyLength()) {
            throw TlsAlertException.internalError("bad " + group.rfcName() + " private key", null);
        }
        return group == NamedGroup.X25519
                ? new BcXdhKeyShare(group, new X25519PrivateKeyParameters(scalar, 0), null)
                : new BcXdhKeyShare(group, null, new X448PrivateKeyParameters(scalar, 0));
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
        byte[] secret = new byte[group.publicKeyLength()];
        try {
            if (x25519 != null) {
                X25519Agreement a = new X25519Agreement();
                a.init(x25519);
                a.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey, 0), secret, 0);
            } else {
                X448Agreement a = new X448Agreement();
                a.init(x448);
                a.calculateAgreement(new X448PublicKeyParameters(peerPublicKey, 0), secret, 0);
            }
        } catch (RuntimeException e) {
            // Bouncy Castle throws IllegalStateException when the result is all zero
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is invalid");
        }
        if (FixedLength.isAllZero(secret)) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " shared secret is all zero");
        }
        return secret;
    }

    @Override
    public String toString() {
        return "BcXdhKeyShare[" + group.rfcName() + "]";
    }
}
