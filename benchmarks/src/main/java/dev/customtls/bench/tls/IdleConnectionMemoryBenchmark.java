package dev.customtls.bench.tls;

import dev.customtls.bench.harness.EnginePairDriver;
import dev.customtls.bench.harness.KnownGaps;
import dev.customtls.bench.harness.ProviderKind;
import dev.customtls.bench.harness.ProviderUnavailableException;
import dev.customtls.bench.harness.TlsEndpoints;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory retained per idle established connection: each single shot establishes {@code connections}
 * engine pairs (TLS 1.3, x25519, {@code TLS_AES_128_GCM_SHA256}, EC P-256; handshake, ticket and one
 * application byte done, not closed), keeps them all reachable, and reports through {@link AuxCounters}:
 * <ul>
 * <li>{@code heapBytesPerPair}: Java heap used after a full GC, minus the same before, per client+server
 * pair (includes whatever session caches retain for these connections);</li>
 * <li>{@code rssBytesPerPair}: the same for the process resident set ({@code /proc/self/statm}, Linux):
 * rough, but the only figure that sees native memory (Conscrypt keeps its SSL state in BoringSSL's native
 * heap, invisible to the Java heap figure).</li>
 * </ul>
 * The primary score (time of the shot, including the GCs) is not meaningful. After each shot its engines are
 * closed, so that a provider holding native resources per engine (Conscrypt: SSL state and a pipe) releases
 * them before the next shot rather than whenever its finalizers run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class IdleConnectionMemoryBenchmark {

    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    public String provider;

    @Param({"256"})
    public int connections;

    private TlsEndpoints endpoints;
    private EnginePairDriver driver;
    private SSLEngine[] live;

    /** The figures of one shot (JMH reports public fields of an {@code @AuxCounters} state). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Retained {
        public double heapBytesPerPair;
        public double rssBytesPerPair;
    }

    @Setup(Level.Trial)
    public void setup() throws SSLException {
        String gap = KnownGaps.idleConnectionsReason(ProviderKind.fromParam(provider), connections);
        if (gap != null) {
            throw new ProviderUnavailableException(gap);
        }
        endpoints = TlsEndpoints.forBenchmark(provider, "EC_P256", "TLSv1.3",
                Tls13FullHandshakeBenchmark.SUITE, "x25519", false);
        driver = new EnginePairDriver();
        driver.connect(endpoints.newClient(false), endpoints.newServer());
        endpoints.expect(driver, false);
    }

    @Benchmark
    public SSLEngine[] idleConnections(Retained out) throws SSLException {
        SSLEngine[] engines = new SSLEngine[2 * connections];
        live = engines; // reachable until the teardown closes them, even if the shot fails half-way
        long heapBefore = heapUsedAfterGc();
        long rssBefore = residentBytes();
        for (int i = 0; i < connections; i++) {
            SSLEngine client = endpoints.newClient(false);
            SSLEngine server = endpoints.newServer();
            driver.establish(client, server);
            endpoints.expect(driver, false);
            engines[2 * i] = client;
            engines[2 * i + 1] = server;
        }
        long heapAfter = heapUsedAfterGc();
        long rssAfter = residentBytes();
        out.heapBytesPerPair = (double) (heapAfter - heapBefore) / connections;
        out.rssBytesPerPair = rssBefore < 0 ? Double.NaN : (double) (rssAfter - rssBefore) / connections;
        return engines;
    }

    /** Closes the shot's engines (both directions; no close_notify is exchanged, which does not matter here). */
    @TearDown(Level.Iteration)
    public void closeEngines() {
        if (live == null) {
            return;
        }
        for (SSLEngine e : live) {
            if (e == null) {
                continue; // a shot that failed before filling the array
            }
            e.closeOutbound();
            try {
                e.closeInbound();
            } catch (SSLException expected) {
                // "closed without close_notify": the connection is abandoned on purpose
            }
        }
        live = null;
    }

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            // objects with finalizers (Conscrypt's engines of the previous shot) go in the next collection
            System.runFinalization();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long residentBytes() {
        Path statm = Paths.get("/proc/self/statm");
        try {
            String[] fields = Files.readString(statm).trim().split("\\s+");
            return Long.parseLong(fields[1]) * 4096L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
