package dev.customtls.core.record;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.error.TlsAlertException;

/**
 * The 5-byte record header of RFC 8446 section 5.1 and RFC 5246 section 6.2.1:
 * {@code ContentType type; ProtocolVersion legacy_record_version; uint16 length}.
 *
 * <p>Stateless; every method borrows the array it is given.
 */
public final class RecordHeader {
    /** Length of the record header. */
    public static final int LENGTH = 5;
    /** Maximum TLSPlaintext.fragment length, 2^14 (RFC 8446 section 5.1, RFC 5246 section 6.2.1). */
    public static final int MAX_PLAINTEXT = 16384;
    /** Maximum TLSCiphertext.length in TLS 1.3, 2^14 + 256 (RFC 8446 section 5.2). */
    public static final int MAX_TLS13_CIPHERTEXT = 16384 + 256;
    /** Maximum TLSCiphertext.length in TLS 1.2, 2^14 + 2048 (RFC 5246 section 6.2.3). */
    public static final int MAX_TLS12_CIPHERTEXT = 16384 + 2048;

    private RecordHeader() {
    }

    /**
     * Validates the header at {@code buf[off, off+5)} and returns its fragment length.
     *
     * <ul>
     *   <li>A major version other than 3 means the peer does not speak TLS at all (for instance a
     *       plaintext HTTP request): {@code decode_error}. Only the major version is checked, because
     *       RFC 8446 section 5.1 says {@code legacy_record_version} must otherwise be ignored.</li>
     *   <li>A content type other than change_cipher_spec, alert, handshake or application_data:
     *       {@code unexpected_message} (RFC 8446 section 5).</li>
     *   <li>A length above {@code maxFragment}: {@code record_overflow} (RFC 8446 sections 5.1 and 5.2,
     *       RFC 5246 section 6.2). Pass {@link #MAX_TLS13_CIPHERTEXT} or {@link #MAX_TLS12_CIPHERTEXT}
     *       for protected records and {@link #MAX_PLAINTEXT} for unprotected ones.</li>
     * </ul>
     * A zero length is not rejected here: it is legal for unprotected application data in TLS 1.2, and
     * the decrypters reject protected records too short to carry a tag.
     *
     * <p>The caller must already hold the 5 header bytes (fewer is a buffer underflow, not an error).
     */
    public static int fragmentLength(byte[] buf, int off, int maxFragment) {
        int type = buf[off] & 0xff;
        int major = buf[off + 1] & 0xff;
        if (major != 3) {
            throw TlsAlertException.decodeError(notTlsMessage(buf, off));
        }
        if (!isKnownContentType(type)) {
            throw TlsAlertException.unexpectedMessage("Unknown record content type " + type);
        }
        int length = ((buf[off + 3] & 0xff) << 8) | (buf[off + 4] & 0xff);
        if (length > maxFragment) {
            throw TlsAlertException.fatal(AlertDescription.RECORD_OVERFLOW,
                    "Record length " + length + " exceeds the maximum of " + maxFragment);
        }
        return length;
    }

    /** The content type byte of the header at {@code buf[off]}. */
    public static int contentType(byte[] buf, int off) {
        return buf[off] & 0xff;
    }

    /** The {@code legacy_record_version} of the header at {@code buf[off]}, e.g. {@code 0x0303}. */
    public static int legacyVersion(byte[] buf, int off) {
        return ((buf[off + 1] & 0xff) << 8) | (buf[off + 2] & 0xff);
    }

    /** Writes a header at {@code out[off, off+5)}. */
    public static void write(byte[] out, int off, int contentType, int legacyVersion, int length) {
        out[off] = (byte) contentType;
        out[off + 1] = (byte) (legacyVersion >>> 8);
        out[off + 2] = (byte) legacyVersion;
        out[off + 3] = (byte) (length >>> 8);
        out[off + 4] = (byte) length;
    }

    /** True for the four content types TLS 1.2 and 1.3 define (RFC 8446 section 5.1). */
    static boolean isKnownContentType(int type) {
        return type == ContentType.CHANGE_CIPHER_SPEC || type == ContentType.ALERT
                || type == ContentType.HANDSHAKE || type == ContentType.APPLICATION_DATA;
    }

    /** A diagnostic for bytes that are not a TLS record; names plaintext HTTP when it looks like it. */
    private static String notTlsMessage(byte[] buf, int off) {
        if (looksLikeAscii(buf, off)) {
            return "Not a TLS record: the peer sent plaintext (an HTTP request?) instead of a TLS record";
        }
        if ((buf[off] & 0x80) != 0) {
            return "Not a TLS record: unsupported SSLv2-format message";
        }
        return "Not a TLS record: record major version " + (buf[off + 1] & 0xff) + " is not 3";
    }

    private static boolean looksLikeAscii(byte[] buf, int off) {
        for (int i = 0; i < LENGTH; i++) {
            int c = buf[off + i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
