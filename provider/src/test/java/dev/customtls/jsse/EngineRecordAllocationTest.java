package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.record.JcaTestAead;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import javax.crypto.spec.GCMParameterSpec;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An established connection's records allocate nothing beyond what the JCA cipher itself allocates: a round
 * trip through the engines ({@code wrap} on one side, {@code unwrap} on the other, the single-buffer calls
 * applications use) allocates no more than sealing and opening the same bytes with a bare JCA AES-GCM cipher,
 * less the two {@link GCMParameterSpec}s the bare cipher is given (the engine reuses one per direction). An
 * engine that allocated a result, a buffer array, a parameter object or a record copy per call fails this.
 */
class EngineRecordAllocationTest {

    private static final int ROUNDS = 4_000;

    /** Where the spec measurement puts its objects, so that they are really allocated. */
    static volatile Object sink;

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off");
        return sun;
    }

    private interface RoundTrip {
        void run() throws Exception;
    }

    /** Bytes allocated per round trip: the lowest of several measurements after warming up. */
    private static long bytesPerRoundTrip(RoundTrip r) throws Exception {
        com.sun.management.ThreadMXBean threads = threads();
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 6; attempt++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < ROUNDS; i++) {
                r.run();
            }
            best = Math.min(best, (threads.getThreadAllocatedBytes(id) - before) / ROUNDS);
        }
        return best;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {64, 1024, 16384})
    void roundTripAllocatesNoMoreThanBareJca(int size) throws Exception {
        ResumptionEngineTest.Side side = new ResumptionEngineTest.Side("Custom");
        SSLEngine c = side.ctx.createSSLEngine();
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {"TLSv1.3"});
        c.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        SSLEngine s = side.ctx.createSSLEngine();
        s.setUseClientMode(false);
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        pair.transfer(new byte[] {1}, false); // the server's NewSessionTicket is delivered on the way

        ByteBuffer data = ByteBuffer.allocate(size);
        ByteBuffer net = ByteBuffer.allocate(size + 1024);
        ByteBuffer app = ByteBuffer.allocate(c.getSession().getApplicationBufferSize());
        RoundTrip engines = () -> {
            data.clear();
            net.clear();
            app.clear();
            SSLEngineResult w = c.wrap(data, net);
            net.flip();
            SSLEngineResult u = s.unwrap(net, app);
            if (w.bytesConsumed() != size || u.bytesProduced() != size) {
                throw new AssertionError("round trip moved " + w.bytesConsumed() + " / " + u.bytesProduced());
            }
        };

        // the same record sealed and opened by plain JCA calls (a new GCMParameterSpec per record)
        Aead seal = new JcaTestAead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        Aead open = new JcaTestAead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        byte[] record = new byte[5 + size + 1 + 16];
        byte[] opened = new byte[size + 1];
        byte[] aad = {23, 3, 3, 0, 0};
        byte[] nonce = new byte[12];
        RoundTrip bareJca = () -> {
            nonce[11]++; // a new nonce for every record (the ciphers refuse to seal twice under one)
            if (nonce[11] == 0) {
                nonce[10]++;
            }
            int sealed = seal.seal(nonce, aad, aad.length, record, 5, size + 1, record, 5);
            assertEquals(size + 1, open.open(nonce, aad, aad.length, record, 5, sealed, opened, 0));
        };

        // what a new GCMParameterSpec costs; the engine reuses one per direction instead
        RoundTrip spec = () -> sink = new GCMParameterSpec(128, nonce);

        long jca = bytesPerRoundTrip(bareJca);
        long specs = 2 * bytesPerRoundTrip(spec);
        long ours = bytesPerRoundTrip(engines);
        // 8 bytes of slack for the counter's rounding; any object of the engine's own is 16 bytes or more
        assertTrue(ours <= jca - specs + 8, "a " + size + "-byte round trip through the engines allocates " + ours
                + " bytes; a bare JCA seal and open " + jca + ", of which " + specs + " for its parameter objects");
    }
}
