package dev.customtls.bench.tls;

import dev.customtls.bench.harness.TurnRotation;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a record costs a TLS engine on top of the AEAD itself: alternates slices of 1 s of this thread's CPU time
 * between a bare JCA AES-128-GCM seal and open of one record ({@code Cipher.init}, {@code updateAAD},
 * {@code doFinal}, as both engines call JCA) and {@link Tls13BulkTransferBenchmark}'s round trip (one record each
 * way over an established in-memory pair) with SunJSSE and with {@code Custom}, and prints, per round, each rate
 * per thread-CPU-second and each engine's nanoseconds above the bare JCA round trip. Not a JMH benchmark: a
 * measuring loop for "What limits us" in {@code benchmarks/README.md}.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.customtls.bench.tls.RecordOverheadLoop [size] [rounds]}
 * (defaults 64 and 10; the first rounds are warm-up).
 */
public final class RecordOverheadLoop {

    private interface RoundTrip {
        void run() throws Exception;
    }

    private RecordOverheadLoop() {
    }

    /** Round trips per second of thread CPU time over one slice of 1 s. */
    private static double rate(RoundTrip r) throws Exception {
        long start = TurnRotation.threadCpuNanos();
        long n = 0;
        long used;
        do {
            for (int i = 0; i < 1000; i++) {
                r.run();
            }
            n += 1000;
            used = TurnRotation.threadCpuNanos() - start;
        } while (used < 1_000_000_000L);
        return n * 1e9 / used;
    }

    private static Tls13BulkTransferBenchmark lane(String provider, int size) throws Exception {
        Tls13BulkTransferBenchmark lane = new Tls13BulkTransferBenchmark();
        lane.provider = provider;
        lane.suite = InterleavedBulkBenchmark.DEFAULT_SUITE;
        lane.size = size;
        lane.setup();
        return lane;
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Tls13BulkTransferBenchmark custom = lane("Custom", size);
        Tls13BulkTransferBenchmark sun = lane("SunJSSE", size);

        // the bare AEAD work of one round trip: a TLS 1.3 record of `size` bytes (content and type byte) sealed in
        // place and opened into a second array, under a new nonce each time
        Cipher seal = Cipher.getInstance("AES/GCM/NoPadding");
        Cipher open = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        byte[] record = new byte[5 + size + 1 + 16];
        byte[] opened = new byte[size + 1];
        byte[] aad = {23, 3, 3, 0, 0};
        byte[] nonce = new byte[12];
        long[] sequence = {0};
        RoundTrip jca = () -> {
            long n = ++sequence[0];
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
            }
            seal.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            seal.updateAAD(aad);
            int sealed = seal.doFinal(record, 5, size + 1, record, 5);
            open.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            open.updateAAD(aad);
            open.doFinal(record, 5, sealed, opened, 0);
        };

        System.out.printf("%d-byte records, round trips per thread-CPU-second; ns above the bare JCA round trip%n", size);
        for (int round = 1; round <= rounds; round++) {
            double j = rate(jca);
            double c = rate(custom::recordRoundTrip);
            double s = rate(sun::recordRoundTrip);
            System.out.printf("round %2d: JCA %,9.0f  Custom %,9.0f (+%4.0f ns)  SunJSSE %,9.0f (+%4.0f ns)  Custom/SunJSSE %.2fx%n",
                    round, j, c, 1e9 / c - 1e9 / j, s, 1e9 / s - 1e9 / j, c / s);
        }
    }
}
