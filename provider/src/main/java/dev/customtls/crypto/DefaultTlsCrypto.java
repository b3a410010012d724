package dev.customtls.crypto;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.Mac;

/**
 * The provider's crypto: each primitive from the backend that measured faster
 * ({@code benchmarks/CRYPTO-RESULTS.md}, JMH {@code CryptoPrimitivesBenchmark}). A difference under
 * about 1.2x is a tie and goes to the JDK (no key conversion, no extra code path).
 *
 * <table>
 * <caption>Choice per primitive (the figures, JDK 17 and Temurin 25: {@code benchmarks/CRYPTO-RESULTS.md})</caption>
 * <tr><th>primitive</th><th>choice</th></tr>
 * <tr><td>X25519, P-256 ECDH</td><td>BC (3-7x faster)</td></tr>
 * <tr><td>ffdhe2048</td><td>JDK (4-5x)</td></tr>
 * <tr><td>ECDSA P-256 sign and verify</td><td>BC (2-14x)</td></tr>
 * <tr><td>Ed25519 sign and verify</td><td>BC (8-19x)</td></tr>
 * <tr><td>RSA-2048 PSS sign and verify</td><td>JDK (tie to 1.4x)</td></tr>
 * <tr><td>HKDF, HMAC</td><td>JDK (about 3x)</td></tr>
 * <tr><td>AES-GCM</td><td>JDK (40-100x)</td></tr>
 * <tr><td>ChaCha20-Poly1305</td><td>JDK (tie on 17, 9x on 25)</td></tr>
 * <tr><td>RSA premaster decryption (TLS 1.2 RSA key exchange)</td><td>BC for every key it can take: its
 * decryption is written against the Marvin timing attack, the JCA's reports bad padding with an exception; a
 * tie in time (both about a private-key operation)</td></tr>
 * <tr><td>ML-KEM-768 (in X25519MLKEM768)</td><td>JDK on 24+ (1.6x on 25), BC before (the JDK has none)</td></tr>
 * </table>
 *
 * <p>Not measured, decided by family: X448 and P-384/P-521 ECDH follow X25519/P-256 (BC), Ed448 follows
 * Ed25519 (BC), ECDSA on other curves follows P-256 (BC), PKCS#1 v1.5 follows PSS (JDK), ffdhe3072
 * follows ffdhe2048 (JDK), SHA-2 digests follow HMAC (JDK).
 *
 * <p>Both backends share this object's single {@link SecureRandom}. Thread-safe.
 */
public final class DefaultTlsCrypto implements TlsCrypto {

    private static final class Holder {
        static final DefaultTlsCrypto INSTANCE = new DefaultTlsCrypto(new SecureRandom());
    }

    private final SecureRandom random;
    private final JdkTlsCrypto jdk;
    private final BcTlsCrypto bc;

    /** A default crypto with its own backends drawing from {@code random}. */
    public DefaultTlsCrypto(SecureRandom random) {
        this.random = random;
        this.jdk = new JdkTlsCrypto(random);
        // X25519MLKEM768: the JDK's ML-KEM where it exists (24+; about 110 us against Bouncy Castle's 178 us per
        // key generation + encapsulation + decapsulation on Temurin 25), Bouncy Castle's before.
        this.bc = new BcTlsCrypto(random, dev.customtls.crypto.jdk.JdkMlKem768.createIfAvailable());
    }

    /** The shared instance (stateless apart from its SecureRandom and key-conversion cache). */
    public static TlsCrypto instance() {
        return Holder.INSTANCE;
    }

    @Override
    public SecureRandom secureRandom() {
        return random;
    }

    @Override
    public boolean supportsGroup(NamedGroup group) {
        return jdk.supportsGroup(group) || bc.supportsGroup(group);
    }

    /** The backend that generates key shares for the group. */
    TlsCrypto keyShareBackend(NamedGroup group) {
        switch (group) {
            case X25519:
            case X448:
            case SECP256R1:
            case SECP384R1:
            case SECP521R1:
            case X25519MLKEM768: // ML-KEM: Bouncy Castle on every JDK (the JDK has it from 24 on)
                return bc;
            default: // ffdhe
                return jdk;
        }
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) {
        return keyShareBackend(group).generateKeyShare(group);
    }

    @Override
    public dev.customtls.core.crypto.ServerKeyShare respondToKeyShare(NamedGroup group, byte[] clientShare) {
        return keyShareBackend(group).respondToKeyShare(group, clientShare);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return jdk.aead(algorithm, key);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key, Aead retired) {
        return jdk.aead(algorithm, key, retired);
    }

    @Override
    public MessageDigest digest(HashAlgorithm hash) {
        return jdk.digest(hash);
    }

    @Override
    public Mac hmac(HashAlgorithm hash, byte[] key) {
        return jdk.hmac(hash, key);
    }

    @Override
    public boolean supportsSignature(SignatureScheme scheme) {
        return jdk.supportsSignature(scheme) || bc.supportsSignature(scheme);
    }

    /** The backend that signs with the scheme. */
    TlsCrypto signingBackend(SignatureScheme scheme) {
        return scheme.isEcdsa() || scheme == SignatureScheme.ED25519 || scheme == SignatureScheme.ED448 ? bc : jdk;
    }

    /** The backend that verifies signatures of the scheme. */
    TlsCrypto verifyingBackend(SignatureScheme scheme) {
        return scheme.isEcdsa() || scheme == SignatureScheme.ED25519 || scheme == SignatureScheme.ED448 ? bc : jdk;
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
        return signingBackend(scheme).sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return verifyingBackend(scheme).verify(scheme, key, message, signature);
    }

    /** The backend that recovers RSA premaster secrets with the key: Bouncy Castle's whenever it takes the key. */
    TlsCrypto rsaDecryptionBackend(PrivateKey key) {
        return bc.canDecryptRsa(key) ? bc : jdk;
    }

    @Override
    public byte[] rsaPremasterSecret(PrivateKey key, byte[] encrypted, int clientVersion) {
        return rsaDecryptionBackend(key).rsaPremasterSecret(key, encrypted, clientVersion);
    }

    @Override
    public String toString() {
        return "DefaultTlsCrypto";
    }
}
