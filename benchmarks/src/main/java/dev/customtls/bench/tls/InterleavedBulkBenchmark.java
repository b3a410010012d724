package dev.customtls.bench.tls;

import dev.customtls.bench.harness.KnownGaps;
import dev.customtls.bench.harness.LoadedProvider;
import dev.customtls.bench.harness.ProviderKind;
import dev.customtls.bench.harness.ProviderTurns;
import dev.customtls.bench.harness.ProviderUnavailableException;
import dev.customtls.bench.harness.TurnRotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Tls13BulkTransferBenchmark}'s record round trip (by default {@code TLS_AES_128_GCM_SHA256}, the suite
 * every provider can be held to; {@code -p suite=...} for the others, which Conscrypt sits out) with all
 * providers in one JVM taking turns in slices of about
 * {@value InterleavedHandshakeBenchmark#SLICE_MILLIS} ms of the benchmark thread's CPU time, for ratios measured
 * under the same machine conditions (see {@link InterleavedHandshakeBenchmark}). Thread CPU time is read every
 * {@code max(8, 65536 / size)} round trips (0.1-1 ms of work), so reading it costs under 1% of what it
 * measures. Results: the {@link ProviderTurns} counters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterleavedBulkBenchmark {

    public static final String DEFAULT_SUITE = "TLS_AES_128_GCM_SHA256";

    @Param({"64", "1024", "16384"})
    public int size;

    /** The TLS 1.3 suite; the suites and record sizes run are the profile's choice (run.sh: AES-128-GCM only). */
    @Param({DEFAULT_SUITE})
    public String suite = DEFAULT_SUITE;

    /** The providers taking turns, separated by {@code +}; those that cannot run the suite are left out. */
    @Param({"SunJSSE+BCJSSE+Conscrypt+Custom"})
    public String providers;

    private Tls13BulkTransferBenchmark[] lanes;
    private ProviderKind[] kinds;
    private TurnRotation rotation;
    private int opsPerCheck;
    private int pending;
    private long since;

    @Setup(Level.Trial)
    public void setup() throws SSLException {
        List<Tls13BulkTransferBenchmark> list = new ArrayList<>();
        List<ProviderKind> kindList = new ArrayList<>();
        for (String name : providers.split("[+,]")) {
            ProviderKind kind = ProviderKind.fromParam(name.trim());
            Tls13BulkTransferBenchmark lane = new Tls13BulkTransferBenchmark();
            lane.provider = kind.paramName();
            lane.suite = suite;
            lane.size = size;
            try {
                lane.setup(); // establishes the connection, checks it on the wire, and does one round trip
                list.add(lane);
                kindList.add(kind);
            } catch (ProviderUnavailableException e) {
                System.out.println("# " + kind.paramName() + " left out: " + e.getMessage());
            }
        }
        if (list.isEmpty()) {
            throw new ProviderUnavailableException("no provider can transfer with " + suite);
        }
        lanes = list.toArray(new Tls13BulkTransferBenchmark[0]);
        kinds = kindList.toArray(new ProviderKind[0]);
        rotation = new TurnRotation(lanes.length, TimeUnit.MILLISECONDS.toNanos(InterleavedHandshakeBenchmark.SLICE_MILLIS));
        opsPerCheck = Math.max(8, 65536 / size);
    }

    /** Work between iterations is nobody's: the next reading starts here. */
    @Setup(Level.Iteration)
    public void startIteration() {
        pending = 0;
        since = TurnRotation.threadCpuNanos();
    }

    /** The providers taking turns after {@link #setup()}. */
    public List<ProviderKind> takingTurns() {
        return List.of(kinds);
    }

    /** Why {@code kind} has no result with {@code suite}: a known gap, a provider that cannot load, or null. */
    public static String gap(ProviderKind kind, String suite) {
        String known = KnownGaps.reason(kind, "x25519", suite, false);
        return known != null ? known : LoadedProvider.unavailableReason(kind);
    }

    @Benchmark
    public int recordRoundTrip(ProviderTurns turns) throws SSLException {
        int lane = rotation.current();
        int n = lanes[lane].recordRoundTrip();
        if (++pending == opsPerCheck) {
            long now = TurnRotation.threadCpuNanos();
            long used = now - since;
            turns.add(kinds[lane], pending, used);
            pending = 0;
            since = now;
            rotation.used(used);
        }
        return n;
    }
}
