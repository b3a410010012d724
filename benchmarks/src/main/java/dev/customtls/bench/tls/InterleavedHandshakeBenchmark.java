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
 * The handshake benchmarks with every provider in one JVM, taking turns in slices of about
 * {@value #SLICE_MILLIS} ms of the benchmark thread's CPU time: the way the targets of issue 8 were
 * measured. Each provider still does whole connections of its own (the same connection as
 * {@link Tls13FullHandshakeBenchmark}, {@link Tls13ResumedHandshakeBenchmark} and
 * {@link Tls12FullHandshakeBenchmark}, with the same wire checks), and the thread CPU time of each connection
 * is charged to its provider.
 *
 * <p>Why: on this shared 2-vCPU machine the speed of a thread changes in steps of about 30% for seconds to
 * minutes at a time, in every provider alike (contention outside the JVM, invisible to it, that even CPU time
 * cannot remove). Benchmarks that run one provider per fork compare providers measured at different moments;
 * here every provider runs in every 2 s iteration, so a ratio computed within one iteration compares like with
 * like. The primary score (connections of all providers per second) means nothing; the results are the
 * {@link ProviderTurns} counters per provider, which {@code ResultsTable} turns into connections per thread-CPU-second
 * and per-iteration ratios to SunJSSE.
 *
 * <p>What sharing a JVM changes: every provider's classes are loaded and compiled side by side, and the driver's
 * call sites see four engine classes; allocation by one provider can trigger a collection that another pays
 * for in wall time (not in thread CPU time, which the report uses).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterleavedHandshakeBenchmark {

    static final long SLICE_MILLIS = 50;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);

    /**
     * The connection each provider makes: {@code tls13-ecdsa}, {@code tls13-rsa} (both full, x25519),
     * {@code tls13-resumed} or {@code tls12-ecdsa}.
     */
    @Param({"tls13-ecdsa", "tls13-rsa", "tls13-resumed", "tls12-ecdsa"})
    public String handshake;

    /**
     * The providers taking turns, separated by {@code +} (JMH splits parameter values at commas); those that
     * cannot make the connection are left out.
     */
    @Param({"SunJSSE+BCJSSE+Conscrypt+Custom"})
    public String providers;

    /**
     * One provider's connection: the {@code connection()} of the single-provider benchmark making it, set up by
     * that benchmark's trial setup (which makes a first checked connection, and for resumption a full one first).
     */
    private record Lane(ProviderKind kind, Connection connection) {
    }

    private interface Connection {
        void connect() throws SSLException;
    }

    private Lane[] lanes;
    private TurnRotation rotation;

    @Setup(Level.Trial)
    public void setup() throws SSLException {
        List<Lane> list = new ArrayList<>();
        // Every lane pins the same groups (on JDK 17 jdk.tls.namedGroups holds for the whole JVM), in any order.
        for (String name : providers.split("[+,]")) {
            ProviderKind kind = ProviderKind.fromParam(name.trim());
            try {
                list.add(new Lane(kind, connection(kind.paramName())));
            } catch (ProviderUnavailableException e) {
                System.out.println("# " + kind.paramName() + " left out: " + e.getMessage());
            }
        }
        if (list.isEmpty()) {
            throw new ProviderUnavailableException("no provider can make a " + handshake + " connection");
        }
        lanes = list.toArray(new Lane[0]);
        rotation = new TurnRotation(lanes.length, SLICE_NANOS);
    }

    private Connection connection(String provider) throws SSLException {
        switch (handshake) {
            case "tls13-ecdsa":
            case "tls13-rsa": {
                Tls13FullHandshakeBenchmark b = new Tls13FullHandshakeBenchmark();
                b.provider = provider;
                b.group = "x25519";
                b.cert = handshake.equals("tls13-ecdsa") ? "EC_P256" : "RSA_2048";
                b.setup();
                return b::connection;
            }
            case "tls13-resumed": {
                Tls13ResumedHandshakeBenchmark b = new Tls13ResumedHandshakeBenchmark();
                b.provider = provider;
                b.setup();
                return b::connection;
            }
            case "tls12-ecdsa": {
                Tls12FullHandshakeBenchmark b = new Tls12FullHandshakeBenchmark();
                b.provider = provider;
                b.setup();
                return b::connection;
            }
            default:
                throw new IllegalArgumentException("unknown handshake " + handshake);
        }
    }

    /** The providers taking turns after {@link #setup()} (those that can make the connection). */
    public List<ProviderKind> takingTurns() {
        List<ProviderKind> kinds = new ArrayList<>();
        for (Lane lane : lanes) {
            kinds.add(lane.kind());
        }
        return kinds;
    }

    /** Why {@code kind} has no result for {@code handshake}: a known gap, a provider that cannot load, or null. */
    public static String gap(ProviderKind kind, String handshake) {
        String known = KnownGaps.reason(kind, "x25519", handshake.startsWith("tls13") ? Tls13FullHandshakeBenchmark.SUITE : null,
                handshake.equals("tls13-resumed"));
        return known != null ? known : LoadedProvider.unavailableReason(kind);
    }

    @Benchmark
    public void connection(ProviderTurns turns) throws SSLException {
        Lane lane = lanes[rotation.current()];
        long start = TurnRotation.threadCpuNanos();
        lane.connection().connect();
        long used = TurnRotation.threadCpuNanos() - start;
        turns.add(lane.kind(), 1, used);
        rotation.used(used);
    }
}
