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
    private static CellRunner runner;

    @BeforeAll
    static void setUp() {
        started = System.nanoTime();
        files = new PeerFiles(dir);
        custom = CustomCapabilities.detect();
        List<Peer> peers = List.of(SunJssePeer.inProcess(), SunJssePeer.childJvm(SunJssePeer.otherJdk()),
                new OpenSslPeer(), new GnuTlsPeer(), new CurlPeer(), new BoringSslPeer());
        columns = new ArrayList<>();
        for (Peer p : peers) {
            for (Role r : Role.values()) {
                columns.add(new Column(p, r));
            }
        }
        report = new MatrixReport(rows(), columns);
        runner = new CellRunner(files, CELL_LIMIT);
    }

    @AfterAll
    static void writeReport() throws Exception {
        runner.close();
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
        Outcome o = runner.run(cell, col);
        report.record(cell, col, o);
        switch (o.status()) {
            case NOT_APPLICABLE -> Assumptions.abort("n/a: " + o.reason());
            case FAIL -> throw o.cause();
            default -> { }
        }
    }
}
