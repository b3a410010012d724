package dev.customtls.core.record;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.error.TlsAlertException;

/**
 * How TLS 1.2 forms the per-record AEAD nonce for one algorithm.
 *
 * <ul>
 *   <li>AES-GCM (RFC 5288 section 3): a 4-byte implicit salt from the key block followed by an 8-byte
 *       {@code nonce_explicit} carried in the record; we send the sequence number as the explicit part,
 *       which never repeats under one key.</li>
 *   <li>ChaCha20-Poly1305 (RFC 7905 section 2): the 12-byte IV from the key block XORed with the
 *       left-padded sequence number, as in TLS 1.3; nothing is carried in the record.</li>
 * </ul>
 */
final class Tls12AeadNonce {
    static final int NONCE_LENGTH = 12;
    static final int GCM_SALT_LENGTH = 4;
    static final int GCM_EXPLICIT_LENGTH = 8;
    static final int AAD_LENGTH = 13;

    private Tls12AeadNonce() {
    }

    /** Length of the explicit nonce carried at the start of each record fragment. */
    static int explicitLength(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : GCM_EXPLICIT_LENGTH;
    }

    /** Length of the fixed IV taken from the key block (RFC 5246 section 6.3, fixed_iv_length). */
    static int fixedIvLength(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? NONCE_LENGTH : GCM_SALT_LENGTH;
    }

    /** Validates and copies the fixed IV. */
    static byte[] copyFixedIv(AeadAlgorithm algorithm, byte[] fixedIv) {
        if (fixedIv == null || fixedIv.length != fixedIvLength(algorithm)) {
            throw TlsAlertException.internalError(
                    "TLS 1.2 fixed IV for " + algorithm + " must be " + fixedIvLength(algorithm) + " bytes", null);
        }
        return fixedIv.clone();
    }

    /**
     * Writes the 13-byte additional data of RFC 5246 section 6.2.3.3:
     * {@code seq_num(8) || type(1) || version(2) || length(2)}, the length being the plaintext length.
     */
    static void writeAdditionalData(byte[] aad, long seq, int type, int version, int plaintextLength) {
        RecordSequence.writeUint64(aad, 0, seq);
        aad[8] = (byte) type;
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
    }
}
