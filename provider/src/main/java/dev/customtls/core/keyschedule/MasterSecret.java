package dev.customtls.core.keyschedule;

import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * The last stage of the TLS 1.3 key schedule (RFC 8446 section 7.1). Call {@link #destroy} once the
 * resumption master secret has been derived. Not thread-safe.
 */
public final class MasterSecret {

    private final Hkdf hkdf;
    private byte[] secret;

    MasterSecret(Hkdf hkdf, byte[] secret) {
        this.hkdf = hkdf;
        this.secret = secret;
    }

    private byte[] live() {
        if (secret == null) {
            throw TlsAlertException.internalError("master secret destroyed", null);
        }
        return secret;
    }

    /** client_application_traffic_secret_0 = Derive-Secret(., "c ap traffic", ClientHello...server Finished). */
    public byte[] clientApplicationTrafficSecret(byte[] hashThroughServerFinished) {
        return hkdf.deriveSecret(live(), "c ap traffic", hashThroughServerFinished);
    }

    /** server_application_traffic_secret_0 = Derive-Secret(., "s ap traffic", ClientHello...server Finished). */
    public byte[] serverApplicationTrafficSecret(byte[] hashThroughServerFinished) {
        return hkdf.deriveSecret(live(), "s ap traffic", hashThroughServerFinished);
    }

    /** exporter_master_secret = Derive-Secret(., "exp master", ClientHello...server Finished). */
    public byte[] exporterMasterSecret(byte[] hashThroughServerFinished) {
        return hkdf.deriveSecret(live(), "exp master", hashThroughServerFinished);
    }

    /** resumption_master_secret = Derive-Secret(., "res master", ClientHello...client Finished). */
    public byte[] resumptionMasterSecret(byte[] hashThroughClientFinished) {
        return hkdf.deriveSecret(live(), "res master", hashThroughClientFinished);
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
        return "MasterSecret[" + hkdf.hash() + (secret == null ? ", destroyed]" : "]");
    }
}
