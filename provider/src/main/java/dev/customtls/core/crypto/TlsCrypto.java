package dev.customtls.core.crypto;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.Mac;

/**
 * The crypto primitives the protocol core needs, supplied as a value (as rustls' {@code CryptoProvider}).
 *
 * <p>Implementations: a JDK (JCA) backend, a Bouncy Castle backend, and a default that picks each
 * primitive from whichever backend measured faster. Implementations are thread-safe; objects they return
 * ({@link KeyShare}, {@link Aead}, digests and MACs) are not, and belong to one connection.
 */
public interface TlsCrypto {

    SecureRandom secureRandom();

    /** Whether {@link #generateKeyShare} works for this group. */
    boolean supportsGroup(NamedGroup group);

    /** A fresh ephemeral key pair for the group. */
    KeyShare generateKeyShare(NamedGroup group);

    /**
     * The server's answer to a client's key_share value: for (EC)DHE a fresh key pair and the agreement with the
     * client's value; for a KEM ({@link NamedGroup#isKem()}) an encapsulation to the client's key.
     *
     * @throws dev.customtls.core.error.TlsAlertException illegal_parameter if the client's value is invalid
     */
    default ServerKeyShare respondToKeyShare(NamedGroup group, byte[] clientShare) {
        KeyShare ours = generateKeyShare(group);
        byte[] shared = ours.agree(clientShare);
        return new ServerKeyShare(group, ours.publicKey(), shared);
    }

    /** An AEAD keyed with {@code key} (the array is copied). */
    Aead aead(AeadAlgorithm algorithm, byte[] key);

    /**
     * An AEAD keyed with {@code key} that may take over the cipher object of {@code retired}, an AEAD of
     * this backend the caller will never use again (a connection switching to its next traffic key, RFC
     * 8446 section 7.3): the JCA look-up and cipher allocation are then skipped. {@code retired} may be null.
     */
    default Aead aead(AeadAlgorithm algorithm, byte[] key, Aead retired) {
        return aead(algorithm, key);
    }

    MessageDigest digest(HashAlgorithm hash);

    /**
     * An HMAC keyed with {@code key}. The backend may hand each thread one reusable Mac per hash, so the
     * result is valid only until the calling thread's next {@code hmac} call for the same hash: use it at
     * once (update, doFinal) and never keep it or hand it to another thread.
     */
    Mac hmac(HashAlgorithm hash, byte[] key);

    /** Whether this backend can sign or verify with the scheme. */
    boolean supportsSignature(SignatureScheme scheme);

    /**
     * Signs {@code message} with the scheme (RSA-PSS with MGF1 of the same hash and salt length equal to
     * the hash length; ECDSA signatures DER-encoded, as on the wire).
     *
     * @throws dev.customtls.core.error.TlsAlertException internal_error if the key cannot sign
     */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message);

    /** Verifies a signature as it appears on the wire; false on any mismatch or malformed signature. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature);

    /**
     * The premaster secret of TLS 1.2 RSA key exchange (RFC 5246 section 7.4.7.1), decrypted with the server's
     * key without a padding or version oracle (Bleichenbacher, ROBOT, Marvin): whatever the client sent (bad
     * PKCS #1 padding, a wrong length or version, garbage), the result is 48 bytes starting with
     * {@code clientVersion}, random where the decryption failed, and the outcome shows neither in an exception
     * nor in a branch on secret data. The handshake then fails at the client's Finished like any wrong key.
     *
     * @throws dev.customtls.core.error.TlsAlertException internal_error if the key cannot decrypt at all
     *         (never because of what the client sent)
     */
    byte[] rsaPremasterSecret(PrivateKey key, byte[] encrypted, int clientVersion);
}
