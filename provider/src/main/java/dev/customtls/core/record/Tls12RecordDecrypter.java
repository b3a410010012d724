package dev.customtls.core.record;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * Inbound TLS 1.2 AEAD record protection (RFC 5246 section 6.2.3.3; RFC 5288; RFC 7905). Not thread-safe.
 *
 * <p>{@link #open(byte[], int, int)} decrypts in place: the plaintext is left at {@link #plaintextOffset()},
 * which is {@code off + 5 + explicitNonceLength} (8 for AES-GCM, 0 for ChaCha20-Poly1305);
 * {@link #open(byte[], int, int, byte[], int)} decrypts into another array. The content type is the record
 * header's (TLS 1.2 does not hide it). Opening a record allocates nothing.
 */
public final class Tls12RecordDecrypter {
    private final Aead aead;
    private final byte[] fixedIv;
    private final byte[] nonce = new byte[Tls12AeadNonce.NONCE_LENGTH];
    private final byte[] aad = new byte[Tls12AeadNonce.AAD_LENGTH];
    private final int explicitLength;
    private final int tagLength;
    private final RecordSequence sequence = new RecordSequence();
    private int maxPlaintext = RecordHeader.MAX_PLAINTEXT;
    private int plaintextOffset;
    private int contentType = ContentType.INVALID;

    /**
     * @param aead the AEAD keyed with the peer's write key from the key block (RFC 5246 section 6.3)
     * @param fixedIv the peer's write IV from the key block: 4 bytes for AES-GCM, 12 for
     *     ChaCha20-Poly1305; copied
     */
    public Tls12RecordDecrypter(Aead aead, byte[] fixedIv) {
        AeadAlgorithm algorithm = aead.algorithm();
        this.aead = aead;
        this.fixedIv = Tls12AeadNonce.copyFixedIv(algorithm, fixedIv);
        this.explicitLength = Tls12AeadNonce.explicitLength(algorithm);
        this.tagLength = algorithm.tagLength();
    }

    /**
     * Opens the record whose header is at {@code buf[off]} and whose fragment is
     * {@code buf[off+5, off+5+fragmentLen)}, in place.
     *
     * <p>Checks: fragment longer than 2^14 + 2048: {@code record_overflow} (RFC 5246 section 6.2.3);
     * fragment shorter than explicit nonce plus tag: {@code bad_record_mac}; content longer than 2^14 or
     * than our advertised record_size_limit: {@code record_overflow} (RFC 5246 section 6.2.1, RFC 8449
     * section 4), before decrypting; authentication failure: {@code bad_record_mac} (RFC 5246 section
     * 6.2.3.3).
     *
     * @return the plaintext length; the plaintext starts at {@link #plaintextOffset()}
     */
    public int open(byte[] buf, int off, int fragmentLen) {
        return open(buf, off, fragmentLen, buf, off + RecordHeader.LENGTH + explicitLength);
    }

    /**
     * Opens the record at {@code buf[off]} as {@link #open(byte[], int, int)} does, with the same checks in the
     * same order, but decrypts into {@code out[outOff]} ({@link #plaintextOffset()} is then {@code outOff});
     * {@code buf} is not written unless it is {@code out}. {@code out} needs room for the plaintext,
     * {@code fragmentLen} less the explicit nonce and the tag, else internal_error; in one array the output
     * must start at the content ({@code outOff == off + 5 + explicit nonce length}) or not overlap the fragment.
     */
    public int open(byte[] buf, int off, int fragmentLen, byte[] out, int outOff) {
        int explicitAt = RecordFraming.checkFragment(buf, off, fragmentLen);
        if (fragmentLen > RecordHeader.MAX_TLS12_CIPHERTEXT) {
            throw TlsAlertException.fatal(AlertDescription.RECORD_OVERFLOW,
                    "Protected record length " + fragmentLen + " exceeds 2^14 + 2048");
        }
        if (fragmentLen < explicitLength + tagLength) {
            throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC,
                    "Protected record of " + fragmentLen + " bytes is shorter than nonce and tag");
        }
        int plaintextLength = fragmentLen - explicitLength - tagLength;
        if (plaintextLength > maxPlaintext) {
            throw TlsAlertException.fatal(AlertDescription.RECORD_OVERFLOW,
                    "Record plaintext of " + plaintextLength + " bytes exceeds the limit of " + maxPlaintext);
        }
        int content = explicitAt + explicitLength;
        RecordFraming.checkOutput(out, outOff, plaintextLength);
        sequence.checkAvailable();

        long seq = sequence.value();
        if (explicitLength == 0) {
            RecordSequence.xorNonce(fixedIv, seq, nonce);
        } else {
            System.arraycopy(fixedIv, 0, nonce, 0, Tls12AeadNonce.GCM_SALT_LENGTH);
            System.arraycopy(buf, explicitAt, nonce, Tls12AeadNonce.GCM_SALT_LENGTH, explicitLength);
        }
        int type = RecordHeader.contentType(buf, off);
        Tls12AeadNonce.writeAdditionalData(aad, seq, type, RecordHeader.legacyVersion(buf, off), plaintextLength);
        int opened = aead.open(nonce, aad, aad.length, buf, content, plaintextLength + tagLength, out, outOff);
        sequence.advance();
        plaintextOffset = outOff;
        contentType = type;
        return opened;
    }

    /** Where the plaintext of the record last opened starts in the caller's array. */
    public int plaintextOffset() {
        return plaintextOffset;
    }

    /** The bytes of a fragment that are not plaintext: the explicit nonce and the tag. */
    public int overhead() {
        return explicitLength + tagLength;
    }

    /** The content type of the record last opened (the header's). */
    public int contentType() {
        return contentType;
    }

    /** Sets the largest content length accepted: 2^14, or our advertised record_size_limit (RFC 8449). */
    public void setMaxPlaintext(int max) {
        if (max < 1 || max > RecordHeader.MAX_PLAINTEXT) {
            throw TlsAlertException.internalError("Invalid maximum plaintext " + max, null);
        }
        this.maxPlaintext = max;
    }

    /** The sequence number of the next record (unsigned). */
    public long sequenceNumber() {
        return sequence.value();
    }

    /** Overwrites the copy of the fixed IV and the nonce scratch; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(fixedIv, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
        sequence.set(-1L);
        sequence.advance();
    }

    /** For tests: the next record is expected with sequence number {@code next} (unsigned). */
    void setSequenceNumber(long next) {
        sequence.set(next);
    }
}
