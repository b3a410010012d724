package dev.customtls.core.handshake;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.TlsCrypto;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which signature schemes fit which keys (RFC 8446 sections 4.2.3 and 4.4.3): ECDSA schemes are bound to
 * their curve in TLS 1.3, rsa_pss_rsae_* need an rsaEncryption key, rsa_pss_pss_* an RSASSA-PSS key,
 * ed25519 an Ed25519 key; PKCS#1 v1.5 and SHA-1 are never used for TLS 1.3 handshake signatures.
 */
public final class SignatureSchemePolicy {

    private SignatureSchemePolicy() {
    }

    /** The key algorithm families of the schemes, as JSSE key managers name key types. */
    public static String keyType(SignatureScheme scheme) {
        return scheme.keyAlgorithm();
    }

    /** Whether {@code scheme} can be used with {@code key} for a TLS 1.3 handshake signature. */
    public static boolean fits(SignatureScheme scheme, Key key) {
        if (!scheme.usableInTls13Handshake()) {
            return false;
        }
        String alg = key.getAlgorithm();
        if (scheme.isEcdsa()) {
            return (alg.equals("EC") || alg.equals("ECDSA")) && scheme.ecdsaCurve() == curveOf(key);
        }
        switch (scheme) {
            case RSA_PSS_RSAE_SHA256:
            case RSA_PSS_RSAE_SHA384:
            case RSA_PSS_RSAE_SHA512:
                return alg.equals("RSA");
            case RSA_PSS_PSS_SHA256:
            case RSA_PSS_PSS_SHA384:
            case RSA_PSS_PSS_SHA512:
                return alg.equals("RSASSA-PSS");
            case ED25519:
                return isEdDsa(key, "Ed25519");
            case ED448:
                return isEdDsa(key, "Ed448");
            default:
                return false;
        }
    }

    /**
     * The first of {@code ours} (our preference order) that the peer offered, that the backend supports and
     * that fits the key; null if none.
     */
    public static SignatureScheme choose(List<SignatureScheme> ours, List<SignatureScheme> peerOffered, Key key,
                                         TlsCrypto crypto) {
        for (SignatureScheme s : ours) {
            if (peerOffered.contains(s) && crypto.supportsSignature(s) && fits(s, key)) {
                return s;
            }
        }
        return null;
    }

    /** Schemes in both lists, in our order, usable for TLS 1.3 handshake signatures. */
    public static List<SignatureScheme> common(List<SignatureScheme> ours, List<SignatureScheme> peerOffered) {
        List<SignatureScheme> out = new ArrayList<>(ours.size());
        for (SignatureScheme s : ours) {
            if (peerOffered.contains(s) && s.usableInTls13Handshake()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Known schemes among wire codes, in wire order; unknown codes (GREASE included) are dropped. */
    public static List<SignatureScheme> fromCodes(List<Integer> codes) {
        List<SignatureScheme> out = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            SignatureScheme s = SignatureScheme.fromCode(codes.get(i));
            if (s != null && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    public static List<Integer> toCodes(List<SignatureScheme> schemes) {
        int[] out = new int[schemes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = schemes.get(i).code();
        }
        return IntList.own(out);
    }

    /** The named curve of an EC key, or null. */
    public static NamedGroup curveOf(Key key) {
        if (!(key instanceof ECKey)) {
            return null;
        }
        int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
        switch (bits) {
            case 256: return NamedGroup.SECP256R1;
            case 384: return NamedGroup.SECP384R1;
            case 521: return NamedGroup.SECP521R1;
            default: return null;
        }
    }

    private static boolean isEdDsa(Key key, String curve) {
        String alg = key.getAlgorithm();
        if (alg.equalsIgnoreCase(curve)) {
            return true;
        }
        if (!alg.equals("EdDSA")) {
            return false;
        }
        if (key instanceof java.security.interfaces.EdECKey) {
            NamedParameterSpec p = ((java.security.interfaces.EdECKey) key).getParams();
            return p.getName().equalsIgnoreCase(curve);
        }
        // Keys from other providers: Ed25519 is by far the common case.
        return curve.equals("Ed25519");
    }
}
