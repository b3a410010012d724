package dev.customtls.crypto.jdk;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FfdheGroup;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK (JCA) backend: SunEC for X25519/X448 and the NIST curves, SunJCE for DH, AES-GCM,
 * ChaCha20-Poly1305 and HMAC, SUN for SHA-2, SunRsaSign/SunEC for signatures. Thread-safe.
 *
 * <p>The provider of each digest and HMAC is looked up once, so that {@link #digest} and {@link #hmac}
 * skip the provider search.
 */
public final class JdkTlsCrypto implements TlsCrypto {

    private final SecureRandom random;
    private final JdkSignatureEngine signatures;
    private final Map<HashAlgorithm, Provider> digestProviders = new EnumMap<>(HashAlgorithm.class);
    private final Map<HashAlgorithm, Provider> hmacProviders = new EnumMap<>(HashAlgorithm.class);
    /**
     * Unused, never-mutated instances cloned for each use: a clone skips the provider look-up that
     * {@code getInstance} repeats (string upper-casing and service search) for every digest and HMAC of a
     * handshake. Null where the provider's implementation cannot be cloned.
     */
    private final Map<HashAlgorithm, MessageDigest> digestPrototypes = new EnumMap<>(HashAlgorithm.class);
    private final Map<HashAlgorithm, Mac> hmacPrototypes = new EnumMap<>(HashAlgorithm.class);
    /** Each thread's HMAC per hash (index: ordinal), re-keyed for every use. */
    private final ThreadLocal<Mac[]> threadMacs = ThreadLocal.withInitial(() -> new Mac[HashAlgorithm.values().length]);

    /** A backend with its own default (non-blocking) {@link SecureRandom}. */
    public JdkTlsCrypto() {
        this(new SecureRandom());
    }

    /** A backend drawing randomness from {@code random} (which must be thread-safe, as SecureRandom is). */
    public JdkTlsCrypto(SecureRandom random) {
        this.random = random;
        this.signatures = new JdkSignatureEngine(random);
        try {
            for (HashAlgorithm h : HashAlgorithm.values()) {
                MessageDigest md = MessageDigest.getInstance(h.jcaName());
                Mac mac = Mac.getInstance(h.hmacJcaName());
                digestProviders.put(h, md.getProvider());
                hmacProviders.put(h, mac.getProvider());
                digestPrototypes.put(h, cloneable(md));
                hmacPrototypes.put(h, cloneable(mac));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks SHA-2 or HMAC", e);
        }
    }

    private static <T> T cloneable(T prototype) {
        try {
            if (prototype instanceof MessageDigest) {
                ((MessageDigest) prototype).clone();
            } else {
                ((Mac) prototype).clone();
            }
            return prototype;
        } catch (CloneNotSupportedException e) {
            return null;
        }
    }

    @Override
    public SecureRandom secureRandom() {
        return random;
    }

    @Override
    public boolean supportsGroup(NamedGroup group) {
        // ML-KEM is in the JDK from 24 on only; the hybrid group is Bouncy Castle's (DefaultTlsCrypto routes it).
        return group != null && !group.isKem();
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        switch (group) {
            case X25519:
            case X448:
                return JdkXdhKeyShare.generate(group, random);
            case SECP256R1:
            case SECP384R1:
            case SECP521R1:
                return JdkEcdhKeyShare.generate(group, random);
            default:
                FfdheGroup f = FfdheGroup.of(group);
                if (f == null) {
                    throw TlsAlertException.internalError("unsupported group " + group, null);
                }
                return JdkFfdheKeyShare.generate(f, random);
        }
    }

    /** For known-answer tests: an X25519/X448 key share with a fixed private scalar. */
    static KeyShare xdhKeyShareFromPrivate(NamedGroup group, byte[] scalar) {
        return JdkXdhKeyShare.fromPrivate(group, scalar);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return new JdkAead(algorithm, key);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key, Aead retired) {
        return retired instanceof JdkAead && retired.algorithm() == algorithm
                ? new JdkAead((JdkAead) retired, key) : new JdkAead(algorithm, key);
    }

    @Override
    public MessageDigest digest(HashAlgorithm hash) {
        try {
            MessageDigest prototype = digestPrototypes.get(hash);
            return prototype != null ? (MessageDigest) prototype.clone()
                    : MessageDigest.getInstance(hash.jcaName(), digestProviders.get(hash));
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw TlsAlertException.internalError(hash + " unavailable", e);
        }
    }

    /**
     * An HMAC keyed with {@code key}, from this thread's own {@link Mac} for the hash, re-keyed: a
     * handshake computes some thirty HMACs per side, and re-keying an existing Mac allocates about a quarter
     * of what a new or cloned one does. As {@link TlsCrypto#hmac} says, the Mac is valid until the calling
     * thread's next {@code hmac} call for the same hash. An empty key (which {@link SecretKeySpec} refuses) is
     * replaced by a single zero byte: HMAC pads keys with zeros to the block size, so both give the same
     * function.
     */
    @Override
    public Mac hmac(HashAlgorithm hash, byte[] key) {
        try {
            Mac[] macs = threadMacs.get();
            Mac mac = macs[hash.ordinal()];
            if (mac == null) {
                Mac prototype = hmacPrototypes.get(hash);
                mac = prototype != null ? (Mac) prototype.clone() : Mac.getInstance(hash.hmacJcaName(), hmacProviders.get(hash));
                macs[hash.ordinal()] = mac;
            }
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.hmacJcaName()));
            return mac;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw TlsAlertException.internalError("HMAC " + hash + " unavailable", e);
        }
    }

    @Override
    public boolean supportsSignature(SignatureScheme scheme) {
        return scheme != null && signatures.supports(scheme);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
        return signatures.sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return signatures.verify(scheme, key, message, signature);
    }

    /** Raw RSA through the JCA and branch-free checks ({@link JdkRsaPremasterDecryption}). */
    @Override
    public byte[] rsaPremasterSecret(PrivateKey key, byte[] encrypted, int clientVersion) {
        return JdkRsaPremasterDecryption.decrypt(key, encrypted, clientVersion, random);
    }

    @Override
    public String toString() {
        return "JdkTlsCrypto";
    }
}
