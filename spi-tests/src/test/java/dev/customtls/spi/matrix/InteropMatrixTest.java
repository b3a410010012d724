package dev.customtls.spi.matrix;

import dev.customtls.spi.matrix.MatrixReport.Column;
import dev.customtls.spi.matrix.MatrixReport.Outcome;
import dev.customtls.spi.support.Providers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The interop matrix (issue 6): {@code Custom} as client and as server against SunJSSE (in-process and in a
 * child JVM of another JDK), OpenSSL, GnuTLS and curl, over the rows of {@link MatrixGrid}. Every applicable
 * cell must pass; a cell the peer cannot do is reported n/a with its reason (and shown as skipped); a
 * missing peer binary fails that peer's cells. Each cell is bounded ({@link #CELL_LIMIT}): on overrun its
 * processes are killed and it fails. Writes {@code target/interop-matrix.md}; {@code docs/interop-matrix.md}
 * is a committed copy.
 */
class InteropMatrixTest {

    static final Duration CELL_LIMIT = Duration.ofSeconds(20);
    static final String ONLY = "spi.matrix.only";
    static final Path REPORT = Path.of("target", "interop-matrix.md");

    @TempDir
    static Path dir;

    private static PeerFiles files;
    private static MatrixReport report;
    private static CustomCapabilities custom;
    private static List<Column> columns;
    private static long started;
    private static ExecutorService worker;

    @BeforeAll
    static void setUp() {
        started = System.nanoTime();
        files = new PeerFiles(dir);
        custom = CustomCapabilities.detect();
        List<Peer> peers = List.of(SunJssePeer.inProcess(), SunJssePeer.childJvm(SunJssePeer.otherJdk()),
                new OpenSslPeer(), new GnuTlsPeer(), new CurlPeer());
        columns = new ArrayList<>();
        for (Peer p : peers) {
            for (Role r : Role.values()) {
                columns.add(new Column(p, r));
            }
        }
        report = new MatrixReport(rows(), columns);
        worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "matrix-cell");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void writeReport() throws Exception {
        worker.shutdownNow();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        String only = System.getProperty(ONLY, "");
        String env = (only.isEmpty() ? "" : "Rows narrowed to those containing '" + only + "'. ") + "JDK " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), Custom: " + custom
                + ".";
        report.write(REPORT, env, elapsed);
        System.out.println("interop matrix: " + REPORT.toAbsolutePath() + " (" + elapsed.toSeconds() + " s)");
    }

    @TestFactory
    List<DynamicNode> matrix() {
        Providers.require(Providers.CUSTOM);
        List<DynamicNode> rows = new ArrayList<>();
        for (Cell cell : rows()) {
            String missing = custom.missing(cell);
            if (missing != null) {
                report.rowMissing(cell, missing);
                rows.add(DynamicTest.dynamicTest(cell.label(), () -> Assumptions.abort(missing)));
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            for (Column col : columns) {
                tests.add(DynamicTest.dynamicTest(col.title(), () -> runCell(cell, col)));
            }
            rows.add(DynamicContainer.dynamicContainer(cell.label(), tests));
        }
        return rows;
    }

    /**
     * The rows; the system property {@value #ONLY} (a substring of the row label, for local debugging)
     * narrows them.
     */
    private static List<Cell> rows() {
        String only = System.getProperty(ONLY, "");
        return MatrixGrid.rows().stream().filter(c -> c.label().contains(only)).toList();
    }

    private static void runCell(Cell cell, Column col) throws Throwable {
        long t0 = System.nanoTime();
        String na = col.peer().notApplicable(cell, col.role());
        if (na != null) {
            report.record(cell, col, new Outcome(Outcome.Status.NOT_APPLICABLE, na, 0));
            Assumptions.abort("n/a: " + na);
        }
        try {
            col.peer().requireInstalled();
            try (CellRun run = new CellRun(cell, col.role(), files)) {
                Future<?> f = worker.submit(() -> {
                    col.peer().run(run);
                    return null;
                });
                try {
                    f.get(CELL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    run.close();
                    f.cancel(true);
                    throw new AssertionError("cell did not finish within " + CELL_LIMIT.toSeconds()
                            + " s; peer processes killed");
                } catch (ExecutionException e) {
                    throw e.getCause();
                }
            }
            report.record(cell, col, new Outcome(Outcome.Status.PASS, "", ms(t0)));
        } catch (Throwable e) {
            report.record(cell, col, new Outcome(Outcome.Status.FAIL, String.valueOf(e.getMessage() == null
                    ? e.toString() : e.getMessage()), ms(t0)));
            throw e;
        }
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
