package dev.customtls.core.handshake;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.TlsCrypto;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * Which signature schemes fit which keys in TLS 1.2 (RFC 5246 section 7.4.1.4.1, RFC 8422 section 5.1.3,
 * RFC 8446 section 4.2.3 for rsa_pss_rsae in TLS 1.2): ECDSA schemes name only the hash, so any EC key
 * fits; RSA keys use rsa_pss_rsae_* or rsa_pkcs1_*. SHA-1 is never used.
 */
public final class Tls12SignaturePolicy {

    private Tls12SignaturePolicy() {
    }

    /** Whether {@code scheme} can sign or verify with {@code key} in TLS 1.2. */
    public static boolean fits(SignatureScheme scheme, Key key) {
        if (scheme == SignatureScheme.RSA_PKCS1_SHA1 || scheme == SignatureScheme.ECDSA_SHA1) {
            return false;
        }
        String alg = key.getAlgorithm();
        if (scheme.isEcdsa()) {
            return alg.equals("EC") || alg.equals("ECDSA");
        }
        if (scheme.isRsaPkcs1()) {
            return alg.equals("RSA");
        }
        return SignatureSchemePolicy.fits(scheme, key);
    }

    /** The first of {@code ours} the peer offered, the backend supports and the key fits; null if none. */
    public static SignatureScheme choose(List<SignatureScheme> ours, List<SignatureScheme> peerOffered, Key key,
                                         TlsCrypto crypto) {
        for (SignatureScheme s : ours) {
            if (peerOffered.contains(s) && crypto.supportsSignature(s) && fits(s, key)) {
                return s;
            }
        }
        return null;
    }

    /** The key algorithm a suite's server certificate needs: "EC" for ECDHE_ECDSA, else "RSA". */
    public static String serverKeyType(CipherSuite suite) {
        return suite.keyExchange() == CipherSuite.KeyExchangeKind.ECDHE_ECDSA ? "EC" : "RSA";
    }

    /**
     * Schemes (ours, in order, offered by the peer) usable with certificates of {@code keyType}; used to
     * ask the key manager for a certificate of that type.
     */
    public static List<SignatureScheme> forKeyType(List<SignatureScheme> ours, List<SignatureScheme> peerOffered,
                                                   String keyType) {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : ours) {
            if (peerOffered.contains(s) && s.keyAlgorithm().equals(keyType) && s != SignatureScheme.ECDSA_SHA1
                    && s != SignatureScheme.RSA_PKCS1_SHA1) {
                out.add(s);
            }
        }
        return out;
    }
}
