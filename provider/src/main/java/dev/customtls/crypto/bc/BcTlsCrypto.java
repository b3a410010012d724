package dev.customtls.crypto.bc;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.FfdheGroup;
import dev.customtls.crypto.RsaPremasterEncoding;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.tls.TlsRsaKeyExchange;

/**
 * The Bouncy Castle backend, over the lightweight API only (never the BC JCA provider): X25519/X448,
 * NIST curves on Bouncy Castle's custom curve arithmetic, RFC 7919 DH, AES-GCM, ChaCha20-Poly1305,
 * SHA-2/HMAC (exposed as JCA {@link MessageDigest}/{@link Mac} objects) and signatures. Accepts JDK key
 * objects, converted once per key. Thread-safe.
 */
public final class BcTlsCrypto implements TlsCrypto {

    private final SecureRandom random;
    private final dev.customtls.crypto.MlKem768 mlKem;
    private final BcKeyCache keys = new BcKeyCache();
    private final BcSignatureEngine signatures;
    private final Map<NamedGroup, ECDomainParameters> curves = new EnumMap<>(NamedGroup.class);

    /** A backend with its own default (non-blocking) {@link SecureRandom}. */
    public BcTlsCrypto() {
        this(new SecureRandom());
    }

    /** A backend drawing randomness from {@code random} (which must be thread-safe, as SecureRandom is). */
    public BcTlsCrypto(SecureRandom random) {
        this(random, null);
    }

    /**
     * A backend whose X25519MLKEM768 takes its ML-KEM half from {@code mlKem} (null: Bouncy Castle's), e.g. the
     * JDK's where it is faster.
     */
    public BcTlsCrypto(SecureRandom random, dev.customtls.crypto.MlKem768 mlKem) {
        this.random = random;
        this.mlKem = mlKem != null ? mlKem : new BcMlKem768(random);
        this.signatures = new BcSignatureEngine(random, keys);
        for (NamedGroup g : new NamedGroup[] {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1}) {
            ASN1ObjectIdentifier oid = CustomNamedCurves.getOID(g.rfcName());
            curves.put(g, new ECNamedDomainParameters(oid, CustomNamedCurves.getByOID(oid)));
        }
    }

    @Override
    public SecureRandom secureRandom() {
        return random;
    }

    @Override
    public boolean supportsGroup(NamedGroup group) {
        return group != null;
    }

    @Override
    public dev.customtls.core.crypto.ServerKeyShare respondToKeyShare(NamedGroup group, byte[] clientShare) {
        if (group == NamedGroup.X25519MLKEM768) {
            return BcX25519MlKem768.respond(mlKem, clientShare, random);
        }
        return TlsCrypto.super.respondToKeyShare(group, clientShare);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        switch (group) {
            case X25519MLKEM768:
                return BcX25519MlKem768.generate(mlKem, random);
            case X25519:
            case X448:
                return BcXdhKeyShare.generate(group, random);
            case SECP256R1:
            case SECP384R1:
            case SECP521R1:
                return BcEcdhKeyShare.generate(group, curves.get(group), random);
            default:
                FfdheGroup f = FfdheGroup.of(group);
                if (f == null) {
                    throw TlsAlertException.internalError("unsupported group " + group, null);
                }
                return BcFfdheKeyShare.generate(f, random);
        }
    }

    /** For known-answer tests: an X25519/X448 key share with a fixed private scalar. */
    static KeyShare xdhKeyShareFromPrivate(NamedGroup group, byte[] scalar) {
        return BcXdhKeyShare.fromPrivate(group, scalar);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return new BcAead(algorithm, key);
    }

    @Override
    public MessageDigest digest(HashAlgorithm hash) {
        return new BcMessageDigest(hash);
    }

    /** An HMAC keyed with {@code key}; an empty key is the same function as a single zero byte. */
    @Override
    public Mac hmac(HashAlgorithm hash, byte[] key) {
        Mac mac = new BcHmac(hash);
        try {
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.hmacJcaName()));
        } catch (InvalidKeyException e) {
            throw TlsAlertException.internalError("HMAC key rejected", e);
        }
        return mac;
    }

    @Override
    public boolean supportsSignature(SignatureScheme scheme) {
        return scheme != null;
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
        return signatures.sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return signatures.verify(scheme, key, message, signature);
    }

    /** Whether {@link #rsaPremasterSecret} can use the key: an RSA private key with a PKCS #8 encoding. */
    public boolean canDecryptRsa(PrivateKey key) {
        return key != null && keys.privateKey(key) instanceof RSAKeyParameters;
    }

    /**
     * Bouncy Castle's TLS RSA decryption ({@code TlsRsaKeyExchange}), written against the Marvin attack: blinded
     * CRT, the final reduction and the PKCS #1 and version checks without branches on secret data, no
     * exception on bad input.
     */
    @Override
    public byte[] rsaPremasterSecret(PrivateKey key, byte[] encrypted, int clientVersion) {
        AsymmetricKeyParameter k = key == null ? null : keys.privateKey(key);
        if (!(k instanceof RSAKeyParameters) || !k.isPrivate()) {
            throw TlsAlertException.internalError("the server's key cannot decrypt an RSA premaster secret", null);
        }
        RSAKeyParameters rsa = (RSAKeyParameters) k;
        byte[] premaster;
        if (encrypted.length == 0 || encrypted.length > TlsRsaKeyExchange.getInputLimit(rsa)) {
            premaster = new byte[RsaPremasterEncoding.LENGTH]; // a public length: no secret is involved yet
            random.nextBytes(premaster);
        } else {
            try {
                premaster = TlsRsaKeyExchange.decryptPreMasterSecret(encrypted, 0, encrypted.length, rsa,
                        clientVersion, random);
            } catch (RuntimeException e) {
                // Only for the key (under 512 bits, a constraint): the client's bytes are handled inside.
                throw TlsAlertException.internalError("the server's key cannot decrypt an RSA premaster secret", e);
            }
        }
        // Its fallback is 48 random bytes; RFC 5246 starts it with the client's version, as a good one does.
        return RsaPremasterEncoding.withVersion(premaster, clientVersion);
    }

    @Override
    public String toString() {
        return "BcTlsCrypto";
    }
}
