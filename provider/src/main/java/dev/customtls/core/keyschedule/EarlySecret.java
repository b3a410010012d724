package dev.customtls.core.keyschedule;

import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * The first stage of the TLS 1.3 key schedule (RFC 8446 section 7.1): Early Secret = HKDF-Extract(0, PSK).
 *
 * <p>Typestate: {@link #handshakeSecret} consumes this object (its secret is zeroed and any later call
 * fails with internal_error), so derive binder and early-data secrets first. Not thread-safe.
 */
public final class EarlySecret {

    private final Hkdf hkdf;
    private byte[] secret;

    private EarlySecret(Hkdf hkdf, byte[] secret) {
        this.hkdf = hkdf;
        this.secret = secret;
    }

    /** Early Secret = HKDF-Extract(salt = 0, IKM = PSK, or 0 when no PSK is used). */
    public static EarlySecret derive(Hkdf hkdf, byte[] psk) {
        return new EarlySecret(hkdf, hkdf.extract(null, psk));
    }

    private byte[] live() {
        if (secret == null) {
            throw TlsAlertException.internalError("early secret already consumed", null);
        }
        return secret;
    }

    /**
     * binder_key = Derive-Secret(Early Secret, "res binder" | "ext binder", "") (RFC 8446 sections 7.1,
     * 4.2.11.2).
     */
    public byte[] binderKey(boolean resumption) {
        return hkdf.deriveSecret(live(), resumption ? "res binder" : "ext binder", hkdf.emptyHash());
    }

    /** client_early_traffic_secret = Derive-Secret(., "c e traffic", ClientHello). */
    public byte[] clientEarlyTrafficSecret(byte[] clientHelloHash) {
        return hkdf.deriveSecret(live(), "c e traffic", clientHelloHash);
    }

    /** early_exporter_master_secret = Derive-Secret(., "e exp master", ClientHello). */
    public byte[] earlyExporterMasterSecret(byte[] clientHelloHash) {
        return hkdf.deriveSecret(live(), "e exp master", clientHelloHash);
    }

    /**
     * Handshake Secret = HKDF-Extract(Derive-Secret(., "derived", ""), (EC)DHE), with zeros for the
     * (EC)DHE input in psk_ke mode ({@code sharedSecret == null}). Consumes this object.
     */
    public HandshakeSecret handshakeSecret(byte[] sharedSecret) {
        byte[] derived = hkdf.deriveSecret(live(), "derived", hkdf.emptyHash());
        byte[] hs = hkdf.extract(derived, sharedSecret);
        Arrays.fill(derived, (byte) 0);
        destroy();
        return new HandshakeSecret(hkdf, hs);
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
        return "EarlySecret[" + hkdf.hash() + (secret == null ? ", consumed]" : "]");
    }
}
