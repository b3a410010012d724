package dev.customtls.spi.matrix;

import dev.customtls.spi.matrix.MatrixReport.Column;
import dev.customtls.spi.matrix.MatrixReport.Outcome;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one cell against one peer within a time bound: the peer's {@link Peer#run} on a worker thread; on
 * overrun every resource of the cell is stopped (child processes killed, sockets closed, which unblocks
 * the worker) and the cell fails. Returns the outcome; never throws.
 */
final class CellRunner implements AutoCloseable {

    private final PeerFiles files;
    private final Duration limit;
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "matrix-cell");
        t.setDaemon(true);
        return t;
    });

    CellRunner(PeerFiles files, Duration limit) {
        this.files = files;
        this.limit = limit;
    }

    /** Attempts of a cell that may meet {@link #SUNJSSE_FFDHE_ZERO_BUG}: all fail together 1 time in 256^3. */
    static final int FFDHE_ATTEMPTS = 3;

    /**
     * SunJSSE (JDK 17 and 25.0.x) strips the leading zero bytes of a TLS 1.3 FFDHE shared secret, which RFC
     * 8446 section 7.4.1 keeps (the secret is left-padded to the size of p): JDK-8328046, fixed in JDK 26. One
     * handshake in 256 then derives other keys than ours (which are right) and fails with bad_record_mac.
     */
    static final String SUNJSSE_FFDHE_ZERO_BUG = "passed on a later attempt: an attempt failed with bad_record_mac because "
            + "SunJSSE strips the leading zero of a TLS 1.3 FFDHE shared secret (JDK-8328046, RFC 8446 section 7.4.1; "
            + "1 handshake in 256)";

    Outcome run(Cell cell, Column col) {
        Outcome first = runOnce(cell, col);
        if (first.status() != Outcome.Status.FAIL || !cell.tls13() || !cell.group().startsWith("ffdhe")
                || !(col.peer() instanceof SunJssePeer) || !first.reason().contains("bad_record_mac")) {
            return first;
        }
        Outcome last = first;
        for (int attempt = 2; attempt <= FFDHE_ATTEMPTS && last.status() == Outcome.Status.FAIL; attempt++) {
            last = runOnce(cell, col);
        }
        return last.status() == Outcome.Status.PASS
                ? new Outcome(Outcome.Status.PASS, SUNJSSE_FFDHE_ZERO_BUG, last.millis()) : first;
    }

    private Outcome runOnce(Cell cell, Column col) {
        long t0 = System.nanoTime();
        String na = col.peer().notApplicable(cell, col.role());
        if (na != null) {
            return new Outcome(Outcome.Status.NOT_APPLICABLE, na, 0);
        }
        try {
            col.peer().requireInstalled();
            try (CellRun run = new CellRun(cell, col.role(), files)) {
                Future<?> f = worker.submit(() -> {
                    col.peer().run(run);
                    return null;
                });
                try {
                    f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    run.close();
                    f.cancel(true);
                    throw new AssertionError("cell did not finish within " + limit.toSeconds()
                            + " s; peer processes killed");
                } catch (ExecutionException e) {
                    throw e.getCause();
                }
            }
            return new Outcome(Outcome.Status.PASS, "", ms(t0));
        } catch (Throwable e) {
            return new Outcome(Outcome.Status.FAIL, e.getMessage() == null ? e.toString() : e.getMessage(),
                    ms(t0), e);
        }
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
