package dev.customtls.core.handshake;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib streams (RFC 1950) through {@code java.util.zip}, for certificate compression: deflate, and inflate to an
 * exact length without ever producing more. A few inflaters are kept for reuse (each holds about 40 KB of native
 * memory), so a handshake does not allocate and free zlib's state.
 */
final class Zlib {
    private static final int POOLED_INFLATERS = 8;
    private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private Zlib() {
    }

    /** {@code data} as one zlib stream, compressed as well as zlib can. */
    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The data of the zlib stream {@code in}, which must be exactly {@code length} bytes long and end {@code in}:
     * null when it is longer, shorter or followed by other bytes. Never inflates more than {@code length} bytes.
     *
     * @throws DataFormatException when {@code in} is not a zlib stream
     */
    static byte[] inflateExactly(byte[] in, int length) throws DataFormatException {
        byte[] out = new byte[length];
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater();
        } else {
            POOLED.decrementAndGet();
        }
        boolean clean = false;
        try {
            inflater.setInput(in);
            int n = 0;
            while (n < length) {
                int k = inflater.inflate(out, n, length - n);
                if (k == 0) {
                    break; // finished early, or the input ran out
                }
                n += k;
            }
            // The stream must end exactly here: nothing more to inflate, and no bytes after it.
            boolean exact = n == length && inflater.inflate(new byte[1]) == 0 && inflater.finished()
                    && inflater.getRemaining() == 0;
            clean = true;
            return exact ? out : null;
        } finally {
            release(inflater, clean);
        }
    }

    /** Back to the pool after a use that ended without an exception (reset), else, or when the pool is full, freed. */
    private static void release(Inflater inflater, boolean clean) {
        if (clean && POOLED.incrementAndGet() <= POOLED_INFLATERS) {
            inflater.reset();
            INFLATERS.offer(inflater);
            return;
        }
        if (clean) {
            POOLED.decrementAndGet();
        }
        inflater.end();
    }
}
