package dev.customtls.core.keyschedule;

import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * The second stage of the TLS 1.3 key schedule (RFC 8446 section 7.1). Typestate: {@link #masterSecret}
 * consumes this object, so derive both handshake traffic secrets first. Not thread-safe.
 */
public final class HandshakeSecret {

    private final Hkdf hkdf;
    private byte[] secret;

    HandshakeSecret(Hkdf hkdf, byte[] secret) {
        this.hkdf = hkdf;
        this.secret = secret;
    }

    private byte[] live() {
        if (secret == null) {
            throw TlsAlertException.internalError("handshake secret already consumed", null);
        }
        return secret;
    }

    /** client_handshake_traffic_secret = Derive-Secret(., "c hs traffic", ClientHello...ServerHello). */
    public byte[] clientHandshakeTrafficSecret(byte[] hashThroughServerHello) {
        return hkdf.deriveSecret(live(), "c hs traffic", hashThroughServerHello);
    }

    /** server_handshake_traffic_secret = Derive-Secret(., "s hs traffic", ClientHello...ServerHello). */
    public byte[] serverHandshakeTrafficSecret(byte[] hashThroughServerHello) {
        return hkdf.deriveSecret(live(), "s hs traffic", hashThroughServerHello);
    }

    /** Master Secret = HKDF-Extract(Derive-Secret(., "derived", ""), 0). Consumes this object. */
    public MasterSecret masterSecret() {
        byte[] derived = hkdf.deriveSecret(live(), "derived", hkdf.emptyHash());
        byte[] ms = hkdf.extract(derived, null);
        Arrays.fill(derived, (byte) 0);
        destroy();
        return new MasterSecret(hkdf, ms);
    }

    /** A copy of the stage secret, for known-answer tests only. */
    byte[] value() {
        return live().clone();
    }

    /** Zeroes the secret; later calls fail. */
    public void destroy() {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
            secret = null;
        }
    }

    @Override
    public String toString() {
        return "HandshakeSecret[" + hkdf.hash() + (secret == null ? ", consumed]" : "]");
    }
}
