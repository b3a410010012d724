package dev.customtls.bench.harness;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What each provider did in one iteration of an interleaved benchmark (providers taking turns in one JVM):
 * operations and the benchmark thread's CPU time spent on them. JMH reports the public fields per iteration
 * ({@code <prefix>Ops}, {@code <prefix>CpuNanos}, prefix from {@link ProviderKind#counterPrefix}); JMH takes every
 * public method returning a value for a counter too, hence no getters; they are reset before
 * each iteration.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ProviderTurns {
    public long sunJsseOps;
    public long sunJsseCpuNanos;
    public long bcjsseOps;
    public long bcjsseCpuNanos;
    public long conscryptOps;
    public long conscryptCpuNanos;
    public long customOps;
    public long customCpuNanos;

    @Setup(Level.Iteration)
    public void reset() {
        sunJsseOps = sunJsseCpuNanos = 0;
        bcjsseOps = bcjsseCpuNanos = 0;
        conscryptOps = conscryptCpuNanos = 0;
        customOps = customCpuNanos = 0;
    }

    /** Charges {@code ops} operations and {@code cpuNanos} of thread CPU time to {@code kind}. */
    public void add(ProviderKind kind, long ops, long cpuNanos) {
        switch (kind) {
            case SUNJSSE: sunJsseOps += ops; sunJsseCpuNanos += cpuNanos; break;
            case BCJSSE: bcjsseOps += ops; bcjsseCpuNanos += cpuNanos; break;
            case CONSCRYPT: conscryptOps += ops; conscryptCpuNanos += cpuNanos; break;
            default: customOps += ops; customCpuNanos += cpuNanos; break;
        }
    }
}
