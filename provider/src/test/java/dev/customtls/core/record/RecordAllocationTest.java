package dev.customtls.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-record hot paths allocate nothing of their own. A toy AEAD that itself never allocates stands in
 * for the real one, and the thread's allocation counter must not move by more than measurement noise.
 */
class RecordAllocationTest {

    /** XOR "encryption" with a 16-byte checksum "tag": no security, no allocation. */
    private static final class ToyAead implements Aead {
        private final AeadAlgorithm algorithm;

        ToyAead(AeadAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public AeadAlgorithm algorithm() {
            return algorithm;
        }

        private static int mix(byte[] nonce, byte[] aad, int aadLen) {
            int h = 17;
            for (byte b : nonce) {
                h = h * 31 + b;
            }
            for (int i = 0; i < aadLen; i++) {
                h = h * 31 + aad[i];
            }
            return h;
        }

        @Override
        public int seal(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
            int h = mix(nonce, aad, aadLen);
            for (int i = 0; i < len; i++) {
                byte p = in[inOff + i];
                h = h * 31 + p;
                out[outOff + i] = (byte) (p ^ 0x5a);
            }
            for (int i = 0; i < 16; i++) {
                out[outOff + len + i] = (byte) (h >>> (i % 4 * 8));
            }
            return len + 16;
        }

        @Override
        public int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int inOff, int len, byte[] out, int outOff) {
            if (len < 16) {
                throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC, "short");
            }
            int n = len - 16;
            int h = mix(nonce, aad, aadLen);
            for (int i = 0; i < n; i++) {
                byte p = (byte) (in[inOff + i] ^ 0x5a);
                h = h * 31 + p;
                out[outOff + i] = p;
            }
            for (int i = 0; i < 16; i++) {
                if (in[inOff + n + i] != (byte) (h >>> (i % 4 * 8))) {
                    throw TlsAlertException.fatal(AlertDescription.BAD_RECORD_MAC, "tag");
                }
            }
            return n;
        }
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(sun.isThreadAllocatedMemorySupported());
        sun.setThreadAllocatedMemoryEnabled(true);
        return sun;
    }

    private static long roundTrips13(Tls13RecordEncrypter enc, Tls13RecordDecrypter dec, byte[] buf, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int n = enc.seal(ContentType.APPLICATION_DATA, buf, 5, 1000, i & 7, buf, 0);
            sum += dec.open(buf, 0, n - 5);
        }
        return sum;
    }

    private static long roundTrips12(Tls12RecordEncrypter enc, Tls12RecordDecrypter dec, byte[] buf, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int n = enc.seal(ContentType.APPLICATION_DATA, buf, 13, 1000, buf, 0);
            sum += dec.open(buf, 0, n - 5);
        }
        return sum;
    }

    @Test
    void tls13SealAndOpenAllocateNothing() {
        com.sun.management.ThreadMXBean threads = threads();
        long id = Thread.currentThread().getId();
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        Tls13RecordEncrypter enc = new Tls13RecordEncrypter(new ToyAead(alg), new byte[12]);
        Tls13RecordDecrypter dec = new Tls13RecordDecrypter(new ToyAead(alg), new byte[12]);
        byte[] buf = new byte[2000];
        roundTrips13(enc, dec, buf, 20_000); // warm up
        long before = threads.getThreadAllocatedBytes(id);
        long sum = roundTrips13(enc, dec, buf, 20_000);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(20_000L * 1000, sum);
        assertTrue(allocated < 20_000, "allocated " + allocated + " bytes for 20000 records");
    }

    @Test
    void tls12SealAndOpenAllocateNothing() {
        com.sun.management.ThreadMXBean threads = threads();
        long id = Thread.currentThread().getId();
        AeadAlgorithm alg = AeadAlgorithm.AES_256_GCM;
        Tls12RecordEncrypter enc = new Tls12RecordEncrypter(new ToyAead(alg), new byte[4]);
        Tls12RecordDecrypter dec = new Tls12RecordDecrypter(new ToyAead(alg), new byte[4]);
        byte[] buf = new byte[2000];
        roundTrips12(enc, dec, buf, 20_000);
        long before = threads.getThreadAllocatedBytes(id);
        long sum = roundTrips12(enc, dec, buf, 20_000);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(20_000L * 1000, sum);
        assertTrue(allocated < 20_000, "allocated " + allocated + " bytes for 20000 records");
    }
}
