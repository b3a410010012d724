package dev.customtls.crypto.bc;

import java.io.IOException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Converts JDK key objects (EC, RSA, RSASSA-PSS, Ed25519, Ed448: anything with a PKCS#8 or X.509
 * encoding) to Bouncy Castle key parameters, and remembers the result per key while the key lives.
 *
 * <p>EC keys are moved onto Bouncy Castle's custom curve implementations (much faster than the generic
 * ones the factories return). Thread-safe.
 */
final class BcKeyCache {

    private final Map<Key, AsymmetricKeyParameter> cache = Collections.synchronizedMap(new WeakHashMap<>());

    /** The Bouncy Castle form of a private key, or null when the key has no PKCS#8 encoding. */
    AsymmetricKeyParameter privateKey(PrivateKey key) {
        AsymmetricKeyParameter p = cache.get(key);
        if (p == null) {
            p = convert(key, true);
            if (p != null) {
                cache.put(key, p);
            }
        }
        return p;
    }

    /** The Bouncy Castle form of a public key, or null when it cannot be converted. */
    AsymmetricKeyParameter publicKey(PublicKey key) {
        AsymmetricKeyParameter p = cache.get(key);
        if (p == null) {
            p = convert(key, false);
            if (p != null) {
                cache.put(key, p);
            }
        }
        return p;
    }

    private static AsymmetricKeyParameter convert(Key key, boolean isPrivate) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return null;
        }
        try {
            AsymmetricKeyParameter p = isPrivate ? PrivateKeyFactory.createKey(encoded) : PublicKeyFactory.createKey(encoded);
            return onCustomCurve(p);
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            if (isPrivate) {
                java.util.Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    private static AsymmetricKeyParameter onCustomCurve(AsymmetricKeyParameter p) {
        if (p instanceof ECPrivateKeyParameters) {
            ECPrivateKeyParameters k = (ECPrivateKeyParameters) p;
            ECNamedDomainParameters d = custom(k.getParameters());
            return d == null ? p : new ECPrivateKeyParameters(k.getD(), d);
        }
        if (p instanceof ECPublicKeyParameters) {
            ECPublicKeyParameters k = (ECPublicKeyParameters) p;
            ECNamedDomainParameters d = custom(k.getParameters());
            return d == null ? p : new ECPublicKeyParameters(d.getCurve().decodePoint(k.getQ().getEncoded(false)), d);
        }
        return p;
    }

    private static ECNamedDomainParameters custom(org.bouncycastle.crypto.params.ECDomainParameters d) {
        if (!(d instanceof ECNamedDomainParameters)) {
            return null;
        }
        ASN1ObjectIdentifier oid = ((ECNamedDomainParameters) d).getName();
        X9ECParameters x9 = CustomNamedCurves.getByOID(oid);
        if (x9 == null || x9.getCurve().getClass() == d.getCurve().getClass()) {
            return null;
        }
        return new ECNamedDomainParameters(oid, x9);
    }
}
