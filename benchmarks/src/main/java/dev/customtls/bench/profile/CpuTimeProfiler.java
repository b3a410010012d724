package dev.customtls.bench.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <li>{@code cpu.utilization}: CPU time / wall time (cores kept busy; includes GC and JIT threads);</li>
 * <li>{@code cpu.ops.per.thread.cpu.s}: measured operations per CPU-second of the benchmark threads alone
 * (JMH's {@code jmh-worker} threads, {@code ThreadMXBean.getThreadCpuTime}): the engine's own work, which
 * neither other load on the machine nor concurrent GC and JIT threads can distort. Allocation still costs
 * here through TLAB refills and GC pauses' cache damage, but collection work done by GC threads does not;
 * read it beside the process figure and {@code gc.alloc.rate.norm}.</li>
 * <li>{@code cpu.cores.other.java}: cores kept busy by the JVM's other Java threads (JMH's own, the JIT
 * compiler threads where the JVM lists them); {@code cpu.cores.non.java}: by threads that are not Java
 * threads (GC workers, VM thread), as process CPU minus all Java threads. On a 2-core machine these show when
 * the benchmark thread shares its core with background work.</li>
 * </ul>
 * The CPU time covers the whole JVM (benchmark thread, GC, JIT compiler, JMH's own threads) from just
 * before to just after the iteration, so it slightly overstates the cost of the operation, alike for all.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> workerCpuStart = new HashMap<>();
    private final Map<Long, Long> javaCpuStart = new HashMap<>();
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
        workerCpuStart.clear();
        for (ThreadInfo t : workers()) {
            workerCpuStart.put(t.getThreadId(), threads.getThreadCpuTime(t.getThreadId()));
        }
        javaCpuStart.clear();
        if (threads.isThreadCpuTimeSupported()) {
            for (long id : threads.getAllThreadIds()) {
                javaCpuStart.put(id, threads.getThreadCpuTime(id));
            }
        }
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    /** JMH's benchmark threads ({@code <benchmark>-jmh-worker-<n>}). */
    private List<ThreadInfo> workers() {
        List<ThreadInfo> out = new ArrayList<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return out;
        }
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("jmh-worker")) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long workerCpu = 0;
        for (ThreadInfo t : workers()) {
            long now = threads.getThreadCpuTime(t.getThreadId());
            if (now > 0) {
                workerCpu += now - workerCpuStart.getOrDefault(t.getThreadId(), 0L);
            }
        }
        long javaCpu = 0;
        if (threads.isThreadCpuTimeSupported()) {
            for (long id : threads.getAllThreadIds()) {
                long now = threads.getThreadCpuTime(id);
                if (now > 0) {
                    javaCpu += now - javaCpuStart.getOrDefault(id, 0L);
                }
            }
        }
        long ops = result.getMetadata().getMeasuredOps();
        List<Result> out = new ArrayList<>(6);
        if (wall > 0 && javaCpu > 0) {
            out.add(new ScalarResult("cpu.cores.other.java", Math.max(0, javaCpu - workerCpu) / (double) wall,
                    "cores", AggregationPolicy.AVG));
            out.add(new ScalarResult("cpu.cores.non.java", Math.max(0, cpu - javaCpu) / (double) wall, "cores",
                    AggregationPolicy.AVG));
        }
        if (workerCpu > 0 && ops > 0) {
            out.add(new ScalarResult("cpu.ops.per.thread.cpu.s", ops / (workerCpu / 1e9), "ops/cpu-s",
                    AggregationPolicy.AVG));
        }
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
