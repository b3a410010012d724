package dev.customtls.core.record;

import dev.customtls.core.error.TlsAlertException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit record sequence number of one direction and one traffic key (RFC 8446 section 5.3,
 * RFC 5246 section 6.1), treated as unsigned. It never wraps: once record 2^64-1 has been processed the
 * counter is exhausted and any further record raises {@code internal_error}, so a nonce is never reused.
 */
final class RecordSequence {
    /** Eight bytes of an array as one big-endian long (one load or store instead of eight byte operations). */
    private static final VarHandle UINT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private long value;
    private boolean exhausted;

    /** The sequence number of the next record (unsigned; {@code -1} is 2^64-1). */
    long value() {
        return value;
    }

    boolean isExhausted() {
        return exhausted;
    }

    /**
     * Fails if the sequence space is used up (RFC 8446 section 5.3: "Sequence numbers MUST NOT wrap").
     */
    void checkAvailable() {
        if (exhausted) {
            throw TlsAlertException.internalError(
                    "Record sequence number exhausted: the traffic key must be updated", null);
        }
    }

    /** Moves to the next record; after 2^64-1 the counter is exhausted instead of wrapping to 0. */
    void advance() {
        if (value == -1L) {
            exhausted = true;
        } else {
            value++;
        }
    }

    /** For tests: starts the counter at {@code next} (unsigned). */
    void set(long next) {
        value = next;
        exhausted = false;
    }

    /**
     * Writes the per-record nonce of RFC 8446 section 5.3 into {@code nonce}: the sequence number,
     * big-endian and left-padded to the IV length, XORed with {@code iv}. RFC 7905 section 2 uses the
     * same construction for ChaCha20-Poly1305 in TLS 1.2.
     */
    static void xorNonce(byte[] iv, long seq, byte[] nonce) {
        int tail = iv.length - 8;
        System.arraycopy(iv, 0, nonce, 0, tail);
        UINT64.set(nonce, tail, (long) UINT64.get(iv, tail) ^ seq);
    }

    /** Writes {@code seq} big-endian at {@code out[off, off+8)}. */
    static void writeUint64(byte[] out, int off, long seq) {
        UINT64.set(out, off, seq);
    }
}
