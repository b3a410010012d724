package dev.customtls.core.record;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * Inbound TLS 1.3 record protection for one traffic key (RFC 8446 sections 5.2 to 5.4). Not thread-safe.
 *
 * <p>{@link #open(byte[], int, int)} decrypts in place and leaves the content at {@code buf[off + 5]};
 * {@link #open(byte[], int, int, byte[], int)} decrypts into another array (SunJCE's AES-GCM on newer JDKs is
 * about twice as fast that way). The nonce and the additional data use scratch arrays owned by this object, so
 * opening a record allocates nothing.
 */
public final class Tls13RecordDecrypter {
    private final Aead aead;
    private final byte[] iv;
    private final byte[] nonce;
    private final byte[] aad = new byte[RecordHeader.LENGTH];
    private final int tagLength;
    private final RecordSequence sequence = new RecordSequence();
    private int maxPlaintext = RecordHeader.MAX_PLAINTEXT;
    private int contentType = ContentType.INVALID;

    /**
     * @param aead the AEAD keyed with the peer's {@code [sender]_write_key} (RFC 8446 section 7.3)
     * @param iv the peer's {@code [sender]_write_iv}; copied
     */
    public Tls13RecordDecrypter(Aead aead, byte[] iv) {
        AeadAlgorithm algorithm = aead.algorithm();
        if (iv == null || iv.length != algorithm.ivLength() || iv.length < 8) {
            throw TlsAlertException.internalError("Read IV length does not match " + algorithm, null);
        }
        this.aead = aead;
        this.iv = iv.clone();
        this.nonce = new byte[iv.length];
        this.tagLength = algorithm.tagLength();
    }

    /**
     * Opens the protected record whose header is at {@code buf[off]} and whose fragment is
     * {@code buf[off+5, off+5+fragmentLen)}, in place. The content (without type and padding) is left at
     * {@code buf[off + 5]}; {@link #contentType()} then tells its real type.
     *
     * <p>Checks, in order:
     * <ul>
     *   <li>outer type other than application_data: {@code unexpected_message} (RFC 8446 section 5.2;
     *       the caller handles plaintext records and the compatibility change_cipher_spec first);</li>
     *   <li>fragment longer than 2^14 + 256: {@code record_overflow} (section 5.2);</li>
     *   <li>fragment shorter than the tag: {@code bad_record_mac} (section 5.2);</li>
     *   <li>inner plaintext longer than 2^14 + 1, or than the record_size_limit we advertised:
     *       {@code record_overflow} (section 5.4; RFC 8449 section 4), checked before decrypting;</li>
     *   <li>authentication failure: {@code bad_record_mac} (section 5.2);</li>
     *   <li>no non-zero octet in the inner plaintext: {@code unexpected_message} (section 5.4);</li>
     *   <li>inner type other than alert, handshake or application_data: {@code unexpected_message}
     *       (section 5; a protected change_cipher_spec is forbidden by section 5).</li>
     * </ul>
     *
     * @return the content length
     */
    public int open(byte[] buf, int off, int fragmentLen) {
        return open(buf, off, fragmentLen, buf, off + RecordHeader.LENGTH);
    }

    /**
     * Opens the record at {@code buf[off]} as {@link #open(byte[], int, int)} does, with the same checks in the
     * same order, but decrypts into {@code out[outOff]}, where the content is left; {@code buf} is not
     * written unless it is {@code out}. {@code out} needs room for the whole inner plaintext,
     * {@code fragmentLen - tagLength} bytes (content, type and padding), else internal_error; in one array the
     * output must start at the fragment ({@code outOff == off + 5}) or not overlap it.
     *
     * @return the content length
     */
    public int open(byte[] buf, int off, int fragmentLen, byte[] out, int outOff) {
        int body = RecordFraming.checkFragment(buf, off, fragmentLen);
        int outerType = buf[off] & 0xff;
        if (outerType != ContentType.APPLICATION_DATA) {
            throw TlsAlertException.unexpectedMessage(
                    "Protected record has outer type " + ContentType.name(outerType));
        }
        if (fragmentLen > RecordHeader.MAX_TLS13_CIPHERTEXT) {
            throw TlsAlertException.fatal(AlertDescription.RECORD_OVERFLOW,
                    "Protected record length " + fragmentLen + " exceeds 2^14 + 256");
        }
        if (fragmentLen < tagLength) {
            throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC,
                    "Protected record of " + fragmentLen + " bytes is shorter than the AEAD tag");
        }
        int innerLength = fragmentLen - tagLength;
        if (innerLength > maxPlaintext + 1) {
            throw TlsAlertException.fatal(AlertDescription.RECORD_OVERFLOW,
                    "Record plaintext of " + innerLength + " bytes exceeds the limit of " + (maxPlaintext + 1));
        }
        RecordFraming.checkOutput(out, outOff, innerLength);
        sequence.checkAvailable();

        System.arraycopy(buf, off, aad, 0, RecordHeader.LENGTH);
        RecordSequence.xorNonce(iv, sequence.value(), nonce);
        int opened = aead.open(nonce, aad, aad.length, buf, body, fragmentLen, out, outOff);
        sequence.advance();

        int typeAt = outOff + opened - 1;
        while (typeAt >= outOff && out[typeAt] == 0) {
            typeAt--;
        }
        if (typeAt < outOff) {
            contentType = ContentType.INVALID;
            throw TlsAlertException.unexpectedMessage("Protected record has no content type (all zeros)");
        }
        int type = out[typeAt] & 0xff;
        if (type != ContentType.ALERT && type != ContentType.HANDSHAKE && type != ContentType.APPLICATION_DATA) {
            contentType = ContentType.INVALID;
            throw TlsAlertException.unexpectedMessage(
                    "Protected record has inner content type " + ContentType.name(type));
        }
        contentType = type;
        return typeAt - outOff;
    }

    /** The AEAD tag's length: a fragment is the inner plaintext and the tag. */
    public int tagLength() {
        return tagLength;
    }

    /** The inner content type of the record last opened. */
    public int contentType() {
        return contentType;
    }

    /**
     * Sets the largest content length accepted: 2^14 by default, or our advertised
     * {@code record_size_limit} minus one (RFC 8449 section 4; the limit counts the inner type byte and
     * the padding, so the whole inner plaintext may be {@code max + 1} bytes).
     */
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

    /** Overwrites the copy of the read IV and the nonce scratch; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(iv, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
        sequence.set(-1L);
        sequence.advance();
    }

    /** For tests: the next record is expected with sequence number {@code next} (unsigned). */
    void setSequenceNumber(long next) {
        sequence.set(next);
    }
}
