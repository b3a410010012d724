package dev.customtls.bench.profile;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Process CPU time per iteration of the benchmark JVM ({@code OperatingSystemMXBean.getProcessCpuTime()},
 * read before and after each iteration), so that results can be given per CPU-second: a figure other load
 * on a shared machine cannot steal, unlike wall-clock time. Usage: {@code -prof
 * dev.customtls.bench.profile.CpuTimeProfiler}.
 *
 * <p>Reports, per iteration:
 * <ul>
 * <li>{@code cpu.ops.per.cpu.s}: measured operations per CPU-second of the whole process;</li>
 * <li>{@code cpu.ns.per.op}: process CPU nanoseconds per operation;</li>
 * <li>{@code cpu.utilization}: CPU time / wall time (cores kept busy; includes GC and JIT threads).</li>
 * </ul>
 * The CPU time covers the whole JVM (benchmark thread, GC, JIT compiler, JMH's own threads) from just
 * before to just after the iteration, so it slightly overstates the cost of the operation, alike for all.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os;
    private long cpuStart;
    private long wallStart;

    public CpuTimeProfiler() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (!(bean instanceof com.sun.management.OperatingSystemMXBean)) {
            throw new IllegalStateException("this JVM does not expose process CPU time");
        }
        this.os = (com.sun.management.OperatingSystemMXBean) bean;
    }

    @Override
    public String getDescription() {
        return "Process CPU time per iteration: operations per CPU-second, CPU ns per operation, utilization";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long ops = result.getMetadata().getMeasuredOps();
        List<Result> out = new ArrayList<>(3);
        if (cpu > 0 && ops > 0) {
            out.add(new ScalarResult("cpu.ops.per.cpu.s", ops / (cpu / 1e9), "ops/cpu-s", AggregationPolicy.AVG));
            out.add(new ScalarResult("cpu.ns.per.op", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
        }
        if (wall > 0 && cpu >= 0) {
            out.add(new ScalarResult("cpu.utilization", (double) cpu / wall, "cores", AggregationPolicy.AVG));
        }
        return out;
    }
}
