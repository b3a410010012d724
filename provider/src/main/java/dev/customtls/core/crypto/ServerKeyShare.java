package dev.customtls.core.crypto;

import dev.customtls.core.constants.NamedGroup;

import java.util.Objects;

/**
 * The server's side of a TLS 1.3 key exchange (RFC 8446 section 4.2.8): the value for its key_share and the
 * shared secret. Arrays are shared, not copied; the secret never appears in {@code toString()}.
 *
 * @param group        the group
 * @param publicKey    the server's key_share value
 * @param sharedSecret the (EC)DHE or KEM shared secret
 */
public record ServerKeyShare(NamedGroup group, byte[] publicKey, byte[] sharedSecret) {

    public ServerKeyShare {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(sharedSecret, "sharedSecret");
    }

    @Override
    public String toString() {
        return "ServerKeyShare[" + group.rfcName() + ", " + publicKey.length + " bytes]";
    }
}
