package dev.customtls.core.record;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * Outbound TLS 1.3 record protection for one traffic key (RFC 8446 sections 5.2 to 5.5). Not thread-safe.
 *
 * <p>Each call to {@link #seal} writes one complete {@code TLSCiphertext}: the header
 * {@code 17 03 03 length}, then {@code AEAD-Encrypt(key, nonce, header, content || type || zeros)}. The
 * per-record nonce and the additional data live in scratch arrays owned by this object, and the AEAD runs in
 * place in the output array, so sealing a record allocates nothing.
 *
 * <p>Buffer rule: {@code in} and {@code out} may be the same array, with any overlap. The content is first
 * moved to {@code out[outOff + 5]} (with {@link System#arraycopy}, which handles overlap), and only then are
 * the header, the type and the padding written. The zero-copy layout is {@code in == out} with
 * {@code inOff == outOff + 5}: leave 5 bytes free before the plaintext, and room for
 * {@code 1 + padding + tagLength} bytes after it.
 */
public final class Tls13RecordEncrypter {
    private static final int LEGACY_RECORD_VERSION = 0x0303;

    private final Aead aead;
    private final byte[] iv;
    private final byte[] nonce;
    private final byte[] aad = new byte[RecordHeader.LENGTH];
    private final int tagLength;
    private final long keyUpdateThreshold;
    /** Bytes this key may still seal before {@link #keyUpdateDue()} (jdk.tls.keyLimits). */
    private long bytesLeft;
    private final RecordSequence sequence = new RecordSequence();
    private int maxPlaintext = RecordHeader.MAX_PLAINTEXT;

    /**
     * @param aead the AEAD keyed with this direction's {@code [sender]_write_key} (RFC 8446 section 7.3)
     * @param iv this direction's {@code [sender]_write_iv}; copied
     */
    public Tls13RecordEncrypter(Aead aead, byte[] iv) {
        this(aead, iv, 0);
    }

    /**
     * As {@link #Tls13RecordEncrypter(Aead, byte[])}, and {@link #keyUpdateDue()} also becomes true once the
     * records sealed add up to {@code byteLimit} bytes (header excluded, as SunJSSE counts for
     * {@code jdk.tls.keyLimits}); 0 for no such limit.
     */
    public Tls13RecordEncrypter(Aead aead, byte[] iv, long byteLimit) {
        AeadAlgorithm algorithm = aead.algorithm();
        this.bytesLeft = byteLimit > 0 ? byteLimit : Long.MAX_VALUE;
        if (iv == null || iv.length != algorithm.ivLength() || iv.length < 8) {
            throw TlsAlertException.internalError("Write IV length does not match " + algorithm, null);
        }
        this.aead = aead;
        this.iv = iv.clone();
        this.nonce = new byte[iv.length];
        this.tagLength = algorithm.tagLength();
        this.keyUpdateThreshold = keyUpdateThreshold(algorithm);
    }

    /**
     * Protects {@code in[inOff, inOff+len)} as one record of {@code contentType} with {@code padding} zero
     * bytes (RFC 8446 section 5.4) and writes the complete record at {@code out[outOff]}.
     *
     * @return the record's total length, {@link #sealedLength(int, int, int)}
     * @throws TlsAlertException internal_error if the arguments break RFC 8446 section 5 (content type
     *     other than alert, handshake or application_data; more than 2^14 bytes of content; an inner
     *     plaintext longer than 2^14 + 1 or than the peer's record_size_limit; output too small), or if the
     *     sequence number would wrap (section 5.3): a nonce is never reused
     */
    public int seal(int contentType, byte[] in, int inOff, int len, int padding, byte[] out, int outOff) {
        checkContentType(contentType);
        if (len < 0 || padding < 0 || len > RecordHeader.MAX_PLAINTEXT
                || padding > RecordHeader.MAX_PLAINTEXT + 1 - len) {
            throw TlsAlertException.internalError("Record content " + len + " plus padding " + padding
                    + " exceeds the TLSInnerPlaintext limit", null);
        }
        int innerLength = len + 1 + padding;
        if (innerLength > maxPlaintext + 1) {
            throw TlsAlertException.internalError("Record content " + len + " plus padding " + padding
                    + " exceeds the peer's record size limit " + (maxPlaintext + 1), null);
        }
        int total = RecordHeader.LENGTH + innerLength + tagLength;
        if (inOff < 0 || inOff > in.length - len || outOff < 0 || outOff > out.length - total) {
            throw TlsAlertException.internalError("Record buffers too small", null);
        }
        sequence.checkAvailable();

        int body = outOff + RecordHeader.LENGTH;
        if (in != out || inOff != body) {
            System.arraycopy(in, inOff, out, body, len);
        }
        out[body + len] = (byte) contentType;
        if (padding > 0) {
            Arrays.fill(out, body + len + 1, body + innerLength, (byte) 0);
        }
        RecordHeader.write(out, outOff, ContentType.APPLICATION_DATA, LEGACY_RECORD_VERSION,
                innerLength + tagLength);
        RecordHeader.write(aad, 0, ContentType.APPLICATION_DATA, LEGACY_RECORD_VERSION,
                innerLength + tagLength);
        RecordSequence.xorNonce(iv, sequence.value(), nonce);
        int written = aead.seal(nonce, aad, aad.length, out, body, innerLength, out, body);
        sequence.advance();
        bytesLeft -= written;
        return RecordHeader.LENGTH + written;
    }

    /** The total length of a sealed record: {@code 5 + plaintextLen + 1 + padding + tagLength}. */
    public static int sealedLength(int plaintextLen, int padding, int tagLength) {
        return RecordHeader.LENGTH + plaintextLen + 1 + padding + tagLength;
    }

    /** The sequence number of the next record (unsigned). */
    public long sequenceNumber() {
        return sequence.value();
    }

    /**
     * True once this key has protected enough records that the sender should send a KeyUpdate now
     * (RFC 8446 section 5.5): 7/8 of {@link AeadAlgorithm#recordLimit()} for AES-GCM, and 2^32 records
     * before the sequence number would wrap for ChaCha20-Poly1305; or once the byte limit is reached. The
     * margin leaves room for records already queued when the flag flips.
     */
    public boolean keyUpdateDue() {
        return bytesLeft <= 0 || sequence.isExhausted()
                || Long.compareUnsigned(sequence.value(), keyUpdateThreshold) >= 0;
    }

    /**
     * Applies the peer's {@code record_size_limit} (RFC 8449 section 4): {@code max} is the limit minus
     * one, the largest content this side may put in one record. Defaults to 2^14.
     */
    public void setMaxPlaintext(int max) {
        if (max < 1 || max > RecordHeader.MAX_PLAINTEXT) {
            throw TlsAlertException.internalError("Invalid maximum plaintext " + max, null);
        }
        this.maxPlaintext = max;
    }

    /** Overwrites the copy of the write IV and the nonce scratch; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(iv, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
        sequence.set(-1L);
        sequence.advance();
    }

    /** For tests: the next record will use sequence number {@code next} (unsigned). */
    void setSequenceNumber(long next) {
        sequence.set(next);
    }

    /** The record count at which {@link #keyUpdateDue()} becomes true, unsigned. */
    static long keyUpdateThreshold(AeadAlgorithm algorithm) {
        long limit = algorithm.recordLimit();
        if (limit == Long.MAX_VALUE) {
            return -1L - (1L << 32); // 2^64 - 2^32 - 1: the sequence-number space is the only limit
        }
        return limit - limit / 8;
    }

    /** RFC 8446 section 5: only alerts, handshake and application data are protected in TLS 1.3. */
    private static void checkContentType(int contentType) {
        if (contentType != ContentType.ALERT && contentType != ContentType.HANDSHAKE
                && contentType != ContentType.APPLICATION_DATA) {
            throw TlsAlertException.internalError(
                    "Cannot protect content type " + ContentType.name(contentType) + " in TLS 1.3", null);
        }
    }
}
