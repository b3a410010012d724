package dev.customtls.spi.matrix;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.interop.OpenSslProcess;
import dev.customtls.spi.matrix.MatrixReport.Column;
import dev.customtls.spi.matrix.MatrixReport.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix's own machinery: time bound and process kill, missing peers, n/a and the report. */
class MatrixMachineryTest {

    @TempDir
    static Path dir;
    private static PeerFiles files;

    private static final Cell CELL = new Cell(Cell.TLS13, MatrixGrid.AES128, MatrixGrid.X25519, KeyType.EC_P256,
            Feature.NONE);

    @BeforeAll
    static void setUp() {
        files = new PeerFiles(dir);
    }

    /** A test peer: {@code run} does what the test says. */
    private record FakePeer(String name, String na, String binary, Step step) implements Peer {
        interface Step {
            void run(CellRun run) throws Exception;
        }

        @Override
        public void requireInstalled() {
            Versions.requireExecutable(binary, "fake-package");
        }

        @Override
        public String notApplicable(Cell cell, Role role) {
            return na;
        }

        @Override
        public void run(CellRun run) throws Exception {
            step.run(run);
        }
    }

    @Test
    void hangingPeerIsKilledAndFailsTheCell() throws Exception {
        AtomicReference<OpenSslProcess> started = new AtomicReference<>();
        Peer hanging = new FakePeer("hang", null, "/bin/sleep", run -> {
            OpenSslProcess p = run.start(List.of("/bin/sleep", "60"));
            started.set(p);
            p.awaitExit(Duration.ofSeconds(60));
        });
        long t0 = System.nanoTime();
        Outcome o;
        try (CellRunner runner = new CellRunner(files, Duration.ofSeconds(2))) {
            o = runner.run(CELL, new Column(hanging, Role.CUSTOM_CLIENT));
        }
        assertEquals(Outcome.Status.FAIL, o.status());
        assertTrue(o.reason().contains("did not finish within 2 s"), o.reason());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "bounded");
        assertFalse(started.get().isAlive(), "the peer process was killed");
    }

    @Test
    void missingBinaryFailsEvenWithoutCi() {
        Peer missing = new FakePeer("missing", null, "/nonexistent/peer-binary", run -> { });
        try (CellRunner runner = new CellRunner(files, Duration.ofSeconds(2))) {
            Outcome o = runner.run(CELL, new Column(missing, Role.CUSTOM_SERVER));
            assertEquals(Outcome.Status.FAIL, o.status());
            assertTrue(o.reason().startsWith("peer binary missing: /nonexistent/peer-binary"), o.reason());
        }
    }

    @Test
    void notApplicableCarriesItsReasonIntoTheReport() {
        Peer na = new FakePeer("limited", "limited has no server role", "/bin/sleep", run -> { });
        Peer failing = new FakePeer("broken", null, "/bin/sleep", run -> {
            throw new AssertionError("bad | thing\nsecond line");
        });
        Peer fine = new FakePeer("fine", null, "/bin/sleep", run -> { });
        Cell later = new Cell(Cell.TLS12, MatrixGrid.ECDSA_AES128, MatrixGrid.X25519, KeyType.EC_P256, Feature.NONE);
        List<Column> cols = List.of(new Column(na, Role.CUSTOM_CLIENT), new Column(failing, Role.CUSTOM_CLIENT),
                new Column(fine, Role.CUSTOM_SERVER));
        MatrixReport report = new MatrixReport(List.of(CELL, later), cols);
        try (CellRunner runner = new CellRunner(files, Duration.ofSeconds(5))) {
            for (Column c : cols) {
                report.record(CELL, c, runner.run(CELL, c));
            }
        }
        report.rowMissing(later, "TLS 1.2 not yet implemented in Custom");
        String md = report.markdown("env", Duration.ofSeconds(1));
        assertTrue(md.contains("| n/a [1] | **FAIL**: bad / thing second line | pass |"), md);
        assertTrue(md.contains("1. limited has no server role"), md);
        assertTrue(md.contains("| not yet in Custom | not yet in Custom | not yet in Custom |"), md);
        assertTrue(md.contains("Totals: 1 pass, 1 FAIL, 1 n/a, 1 rows not yet implemented in Custom."), md);
    }

    @Test
    void resumptionIsReadFromTheServerHello() {
        // TLS 1.3 ServerHello with supported_versions and pre_shared_key; then the same without the PSK.
        byte[] withPsk = serverHello(new int[] {43, 41});
        byte[] withoutPsk = serverHello(new int[] {43});
        assertTrue(Resumption.resumed(withPsk));
        assertFalse(Resumption.resumed(withoutPsk));
        // TLS 1.2: ServerHello without extensions and no Certificate: abbreviated.
        assertTrue(Resumption.resumed(serverHello(new int[0])));
    }

    private static byte[] serverHello(int[] extensions) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(3);
        body.write(3);
        body.writeBytes(new byte[32]);
        body.write(0);
        body.write(0x13);
        body.write(0x01);
        body.write(0);
        body.write(0);
        body.write(extensions.length * 6);
        for (int e : extensions) {
            body.writeBytes(new byte[] {0, (byte) e, 0, 2, 0, 0});
        }
        byte[] b = body.toByteArray();
        java.io.ByteArrayOutputStream rec = new java.io.ByteArrayOutputStream();
        rec.writeBytes(new byte[] {22, 3, 3, 0, (byte) (b.length + 4), 2, 0, 0, (byte) b.length});
        rec.writeBytes(b);
        return rec.toByteArray();
    }
}
