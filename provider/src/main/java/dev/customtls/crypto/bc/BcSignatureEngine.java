package dev.customtls.crypto.bc;

import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * Signing and verification with Bouncy Castle's lightweight signers for every {@link SignatureScheme}
 * (RFC 8446 section 4.2.3): ECDSA with deterministic nonces (RFC 6979) and DER signatures, RSASSA-PSS
 * with MGF1 of the same hash and a hash-length salt (RSA blinding on), PKCS#1 v1.5, Ed25519 and Ed448
 * (pure, empty context). JDK keys are converted through {@link BcKeyCache}.
 */
final class BcSignatureEngine {

    private final SecureRandom random;
    private final BcKeyCache keys;

    BcSignatureEngine(SecureRandom random, BcKeyCache keys) {
        this.random = random;
        this.keys = keys;
    }

    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
        AsymmetricKeyParameter k = key == null ? null : keys.privateKey(key);
        Signer s = k == null ? null : signer(scheme, k);
        if (s == null) {
            throw TlsAlertException.internalError("key cannot sign with " + scheme.rfcName(), null);
        }
        try {
            s.init(true, withRandom(k));
            s.update(message, 0, message.length);
            return s.generateSignature();
        } catch (Exception e) {
            throw TlsAlertException.internalError("cannot sign with " + scheme.rfcName(), e);
        }
    }

    /** False for a wrong key type, a malformed or a wrong signature; never throws for peer input. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (key == null || message == null || signature == null) {
            return false;
        }
        AsymmetricKeyParameter k = keys.publicKey(key);
        Signer s = k == null ? null : signer(scheme, k);
        if (s == null) {
            return false;
        }
        try {
            s.init(false, k);
            s.update(message, 0, message.length);
            return s.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private CipherParameters withRandom(AsymmetricKeyParameter k) {
        return k instanceof RSAKeyParameters ? new ParametersWithRandom(k, random) : k;
    }

    /** A signer for the scheme, or null when the key's type does not fit the scheme. */
    private static Signer signer(SignatureScheme scheme, AsymmetricKeyParameter k) {
        switch (scheme) {
            case ED25519:
                return k instanceof Ed25519PrivateKeyParameters || k instanceof Ed25519PublicKeyParameters
                        ? new Ed25519Signer() : null;
            case ED448:
                return k instanceof Ed448PrivateKeyParameters || k instanceof Ed448PublicKeyParameters
                        ? new Ed448Signer(new byte[0]) : null;
            default:
                break;
        }
        if (scheme.isEcdsa() || scheme == SignatureScheme.ECDSA_SHA1) {
            if (!(k instanceof ECKeyParameters)) {
                return null;
            }
            Digest d = BcDigests.create(scheme.hash());
            return new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(BcDigests.create(scheme.hash()))),
                    d, StandardDSAEncoding.INSTANCE);
        }
        if (!(k instanceof RSAKeyParameters)) {
            return null;
        }
        if (scheme.isRsaPss()) {
            Digest d = BcDigests.create(scheme.hash());
            return new PSSSigner(new RSABlindedEngine(), d, BcDigests.create(scheme.hash()), d.getDigestSize());
        }
        return new RSADigestSigner(BcDigests.create(scheme.hash()));
    }
}
