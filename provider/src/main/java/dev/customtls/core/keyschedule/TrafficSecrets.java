package dev.customtls.core.keyschedule;

import dev.customtls.core.constants.AeadAlgorithm;

import java.util.Arrays;

/** What TLS 1.3 derives from a traffic secret or another stage secret (RFC 8446 sections 4.4.4, 4.6.1, 7.2, 7.3). */
public final class TrafficSecrets {

    private TrafficSecrets() {
    }

    /**
     * [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length) and [sender]_write_iv =
     * HKDF-Expand-Label(Secret, "iv", "", iv_length) (RFC 8446 section 7.3).
     */
    public static TrafficKeys keys(Hkdf hkdf, byte[] trafficSecret, AeadAlgorithm aead) {
        return new TrafficKeys(hkdf.expandLabel(trafficSecret, "key", null, aead.keyLength()),
                hkdf.expandLabel(trafficSecret, "iv", null, aead.ivLength()));
    }

    /** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (RFC 8446 section 4.4.4). */
    public static byte[] finishedKey(Hkdf hkdf, byte[] baseKey) {
        return hkdf.expandLabel(baseKey, "finished", null, hkdf.hashLength());
    }

    /**
     * verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*,
     * CertificateVerify*)) (RFC 8446 section 4.4.4); also the PSK binder with the binder key as base key
     * (section 4.2.11.2).
     */
    public static byte[] verifyData(Hkdf hkdf, byte[] baseKey, byte[] transcriptHash) {
        byte[] fk = finishedKey(hkdf, baseKey);
        try {
            return hkdf.hmac(fk, transcriptHash);
        } finally {
            Arrays.fill(fk, (byte) 0);
        }
    }

    /**
     * application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "",
     * Hash.length) (RFC 8446 section 7.2).
     */
    public static byte[] next(Hkdf hkdf, byte[] trafficSecret) {
        return hkdf.expandLabel(trafficSecret, "traffic upd", null, hkdf.hashLength());
    }

    /**
     * The PSK of a ticket: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce,
     * Hash.length) (RFC 8446 section 4.6.1).
     */
    public static byte[] resumptionPsk(Hkdf hkdf, byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return hkdf.expandLabel(resumptionMasterSecret, "resumption", ticketNonce, hkdf.hashLength());
    }
}
