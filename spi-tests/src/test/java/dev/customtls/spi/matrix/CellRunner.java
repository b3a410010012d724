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

    Outcome run(Cell cell, Column col) {
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
