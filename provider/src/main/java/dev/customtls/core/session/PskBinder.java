package dev.customtls.core.session;

import dev.customtls.core.keyschedule.EarlySecret;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.keyschedule.TrafficSecrets;

import java.util.Arrays;

/** The PSK binder (RFC 8446 section 4.2.11.2), computed the same way by client and server. */
public final class PskBinder {
    private PskBinder() {
    }

    /**
     * binder = HMAC(finished_key(binder_key), Transcript-Hash(Truncate(ClientHello))), with binder_key =
     * Derive-Secret(Early Secret, "res binder", "") for a resumption PSK (RFC 8446 sections 4.2.11.2, 7.1).
     */
    public static byte[] compute(Hkdf hkdf, byte[] psk, byte[] truncatedTranscriptHash) {
        EarlySecret early = EarlySecret.derive(hkdf, psk);
        byte[] binderKey = early.binderKey(true);
        try {
            return TrafficSecrets.verifyData(hkdf, binderKey, truncatedTranscriptHash);
        } finally {
            Arrays.fill(binderKey, (byte) 0);
            early.destroy();
        }
    }
}
