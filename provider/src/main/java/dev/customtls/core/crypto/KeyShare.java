package dev.customtls.core.crypto;

import dev.customtls.core.constants.NamedGroup;

/** An ephemeral key pair for one (EC)DHE exchange. Single use; not thread-safe. */
public interface KeyShare {

    NamedGroup group();

    /** Our public value as it goes in a key_share entry (uncompressed point, X25519 u-coordinate, ...). */
    byte[] publicKey();

    /**
     * Computes the shared secret with the peer's public value, after validating it: exact length, point
     * on the curve (not infinity), 1 &lt; y &lt; p-1 for finite-field groups, and an all-zero X25519/X448
     * result refused.
     *
     * @throws dev.customtls.core.error.TlsAlertException illegal_parameter if the peer's value is invalid
     */
    byte[] agree(byte[] peerPublicKey);
}
