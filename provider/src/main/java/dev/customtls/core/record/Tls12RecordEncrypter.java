package dev.customtls.core.record;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * Outbound TLS 1.2 AEAD record protection (RFC 5246 section 6.2.3.3; RFC 5288 for AES-GCM, RFC 7905 for
 * ChaCha20-Poly1305). Not thread-safe.
 *
 * <p>A sealed record is {@code type || 03 03 || length || nonce_explicit || ciphertext || tag}, where the
 * explicit nonce is the 8-byte sequence number for AES-GCM and absent for ChaCha20-Poly1305 (see
 * {@link Tls12AeadNonce}). The additional data is {@code seq_num || type || version || plaintext length}.
 * Scratch nonce and additional-data arrays are owned by this object and the AEAD runs in place, so sealing a
 * record allocates nothing.
 *
 * <p>Buffer rule: {@code in} and {@code out} may be the same array with any overlap; the content is moved
 * to {@code out[outOff + 5 + explicitNonceLength]} first. The zero-copy layout leaves exactly that many bytes
 * free before the plaintext and the tag length after it.
 */
public final class Tls12RecordEncrypter {
    private static final int RECORD_VERSION = 0x0303;

    private final Aead aead;
    private final AeadAlgorithm algorithm;
    private final byte[] fixedIv;
    private final byte[] nonce = new byte[Tls12AeadNonce.NONCE_LENGTH];
    private final byte[] aad = new byte[Tls12AeadNonce.AAD_LENGTH];
    private final int explicitLength;
    private final int tagLength;
    private final RecordSequence sequence = new RecordSequence();
    private int maxPlaintext = RecordHeader.MAX_PLAINTEXT;

    /**
     * @param aead the AEAD keyed with this side's write key from the key block (RFC 5246 section 6.3)
     * @param fixedIv this side's write IV from the key block: 4 bytes for AES-GCM, 12 for
     *     ChaCha20-Poly1305; copied
     */
    public Tls12RecordEncrypter(Aead aead, byte[] fixedIv) {
        this.aead = aead;
        this.algorithm = aead.algorithm();
        this.fixedIv = Tls12AeadNonce.copyFixedIv(algorithm, fixedIv);
        this.explicitLength = Tls12AeadNonce.explicitLength(algorithm);
        this.tagLength = algorithm.tagLength();
    }

    /**
     * Protects {@code in[inOff, inOff+len)} as one record of {@code contentType} and writes it at
     * {@code out[outOff]}.
     *
     * @return the record's total length, {@link #sealedLength(AeadAlgorithm, int)}
     * @throws TlsAlertException internal_error for an unknown content type, more content than 2^14 (RFC
     *     5246 section 6.2.1) or than the peer's record_size_limit (RFC 8449 section 4), an output buffer
     *     too small, or a sequence number that would wrap (RFC 5246 section 6.1)
     */
    public int seal(int contentType, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (!RecordHeader.isKnownContentType(contentType)) {
            throw TlsAlertException.internalError("Cannot protect content type " + contentType, null);
        }
        if (len < 0 || len > maxPlaintext) {
            throw TlsAlertException.internalError(
                    "Record content " + len + " exceeds the limit of " + maxPlaintext, null);
        }
        int total = RecordHeader.LENGTH + explicitLength + len + tagLength;
        if (inOff < 0 || inOff > in.length - len || outOff < 0 || outOff > out.length - total) {
            throw TlsAlertException.internalError("Record buffers too small", null);
        }
        sequence.checkAvailable();

        long seq = sequence.value();
        int explicitAt = outOff + RecordHeader.LENGTH;
        int content = explicitAt + explicitLength;
        if (in != out || inOff != content) {
            System.arraycopy(in, inOff, out, content, len);
        }
        if (explicitLength == 0) {
            RecordSequence.xorNonce(fixedIv, seq, nonce);
        } else {
            System.arraycopy(fixedIv, 0, nonce, 0, Tls12AeadNonce.GCM_SALT_LENGTH);
            RecordSequence.writeUint64(nonce, Tls12AeadNonce.GCM_SALT_LENGTH, seq);
            RecordSequence.writeUint64(out, explicitAt, seq);
        }
        Tls12AeadNonce.writeAdditionalData(aad, seq, contentType, RECORD_VERSION, len);
        int written = aead.seal(nonce, aad, aad.length, out, content, len, out, content);
        RecordHeader.write(out, outOff, contentType, RECORD_VERSION, explicitLength + written);
        sequence.advance();
        return RecordHeader.LENGTH + explicitLength + written;
    }

    /** The total length of a sealed record: {@code 5 + explicit nonce + plaintextLen + tag}. */
    public static int sealedLength(AeadAlgorithm alg, int plaintextLen) {
        return RecordHeader.LENGTH + Tls12AeadNonce.explicitLength(alg) + plaintextLen + alg.tagLength();
    }

    /** The sequence number of the next record (unsigned). */
    public long sequenceNumber() {
        return sequence.value();
    }

    /** Applies the peer's {@code record_size_limit} (RFC 8449 section 4; in TLS 1.2 it bounds the content). */
    public void setMaxPlaintext(int max) {
        if (max < 1 || max > RecordHeader.MAX_PLAINTEXT) {
            throw TlsAlertException.internalError("Invalid maximum plaintext " + max, null);
        }
        this.maxPlaintext = max;
    }

    /** Overwrites the copy of the fixed IV and the nonce scratch; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(fixedIv, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
        sequence.set(-1L);
        sequence.advance();
    }

    /** For tests: the next record will use sequence number {@code next} (unsigned). */
    void setSequenceNumber(long next) {
        sequence.set(next);
    }
}
