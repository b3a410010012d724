package dev.customtls.crypto.jdk;

import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * Signing and verification with JCA {@link Signature} for every {@link SignatureScheme} (RFC 8446 section
 * 4.2.3): ECDSA with DER signatures, RSASSA-PSS with MGF1 of the same hash and a hash-length salt, PKCS#1
 * v1.5, Ed25519 and Ed448.
 *
 * <p>Which schemes a key may use in which protocol version (for example the TLS 1.3 binding of ECDSA
 * schemes to one curve) is the handshake's business, not this class's.
 */
final class JdkSignatureEngine {

    private final SecureRandom random;

    JdkSignatureEngine(SecureRandom random) {
        this.random = random;
    }

    boolean supports(SignatureScheme scheme) {
        return true;
    }

    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
        try {
            Signature s = signature(scheme);
            s.initSign(key, random);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlertException.internalError("cannot sign with " + scheme.rfcName(), e);
        }
    }

    /** False for a wrong key type, a malformed or a wrong signature; never throws for peer input. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (key == null || message == null || signature == null) {
            return false;
        }
        try {
            Signature s = signature(scheme);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Signature signature(SignatureScheme scheme) throws GeneralSecurityException {
        switch (scheme) {
            case ED25519:
                return Signature.getInstance("Ed25519");
            case ED448:
                return Signature.getInstance("Ed448");
            case RSA_PKCS1_SHA1:
                return Signature.getInstance("SHA1withRSA");
            case ECDSA_SHA1:
                return Signature.getInstance("SHA1withECDSA");
            default:
                break;
        }
        HashAlgorithm h = scheme.hash();
        String name = h.jcaName().replace("-", "");
        if (scheme.isEcdsa()) {
            return Signature.getInstance(name + "withECDSA");
        }
        if (scheme.isRsaPkcs1()) {
            return Signature.getInstance(name + "withRSA");
        }
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(h.jcaName(), "MGF1", new MGF1ParameterSpec(h.jcaName()), h.length(), 1));
        return s;
    }
}
