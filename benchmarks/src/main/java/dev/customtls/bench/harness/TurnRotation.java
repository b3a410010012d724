package dev.customtls.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Whose turn it is in an interleaved benchmark: {@code lanes} providers take turns, each keeping the turn
 * until it has used {@code sliceNanos} of the benchmark thread's CPU time.
 */
public final class TurnRotation {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int lanes;
    private final long sliceNanos;
    private int current;
    private long sliceUsed;

    public TurnRotation(int lanes, long sliceNanos) {
        if (lanes < 1 || sliceNanos < 1) {
            throw new IllegalArgumentException("lanes " + lanes + ", slice " + sliceNanos);
        }
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        this.lanes = lanes;
        this.sliceNanos = sliceNanos;
    }

    /** The lane whose turn it is. */
    public int current() {
        return current;
    }

    /** Charges {@code cpuNanos} to the current lane's slice; the next lane's turn starts when it is used up. */
    public void used(long cpuNanos) {
        sliceUsed += cpuNanos;
        if (sliceUsed >= sliceNanos) {
            sliceUsed = 0;
            current = current + 1 == lanes ? 0 : current + 1;
        }
    }

    /** The benchmark thread's CPU time so far, in nanoseconds. */
    public static long threadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
