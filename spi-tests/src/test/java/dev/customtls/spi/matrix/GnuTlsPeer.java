package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.interop.OpenSslProcess;
import dev.customtls.spi.support.TestCredentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GnuTLS: {@code gnutls-serv --echo} (Custom client; it echoes every line) and {@code gnutls-cli}
 * (Custom server; its standard input goes to Custom, Custom's data to its standard output). SNI and ALPN
 * mismatches are fatal on {@code gnutls-serv} ({@code --sni-hostname-fatal}, {@code --alpn-fatal}).
 * Resumption and 0-RTT: {@code gnutls-serv} keeps serving (Custom connects twice), {@code gnutls-cli
 * --resume [--earlydata=file]} reconnects by itself. GnuTLS gets EC keys in the SEC 1 format
 * ({@link PeerFiles.KeyFiles#gnutlsKeyPem()}).
 */
final class GnuTlsPeer implements Peer {

    static final String SERV = "/usr/bin/gnutls-serv";
    static final String CLI = "/usr/bin/gnutls-cli";
    private final String version = Versions.firstLine(List.of(CLI, "--version"));

    @Override
    public String name() {
        return version.isEmpty() ? "GnuTLS" : "GnuTLS " + version.replace("gnutls-cli ", "");
    }

    @Override
    public void requireInstalled() {
        Versions.requireExecutable(SERV, "gnutls-bin");
        Versions.requireExecutable(CLI, "gnutls-bin");
    }

    @Override
    public String notApplicable(Cell cell, Role role) {
        if (cell.group().equals(MatrixGrid.HYBRID) && !Versions.atLeast(version, "gnutls-cli ", 3, 9)) {
            return name() + " has no " + MatrixGrid.HYBRID;
        }
        if (cell.feature() == Feature.EXPORTER && role == Role.CUSTOM_CLIENT) {
            return "gnutls-serv cannot export keying material (gnutls-cli can: the other column)";
        }
        return null;
    }

    @Override
    public void run(CellRun run) throws Exception {
        if (run.role() == Role.CUSTOM_CLIENT) {
            customClient(run);
        } else {
            customServer(run);
        }
    }

    private static void customClient(CellRun run) throws Exception {
        Cell cell = run.cell();
        PeerFiles.KeyFiles key = run.files().server(cell.cert());
        List<String> extra = new ArrayList<>();
        switch (cell.feature()) {
            case HELLO_RETRY -> extra.add("--priority=NORMAL:-GROUP-ALL:+GROUP-SECP384R1");
            case ALPN -> extra.addAll(List.of("--alpn=" + CustomEndpoint.ALPN, "--alpn-fatal"));
            case SNI -> extra.addAll(List.of("--sni-hostname=" + TestCredentials.HOST, "--sni-hostname-fatal"));
            case CLIENT_AUTH -> extra.addAll(List.of("--require-client-cert", "--verify-client-cert",
                    "--x509cafile=" + run.files().caPem()));
            case EARLY_DATA -> extra.add("--earlydata");
            default -> { }
        }
        if (cell.feature() != Feature.CLIENT_AUTH) {
            extra.add("--disable-client-cert");
        }
        CellRun.Started server = run.startServer(port -> {
            List<String> cmd = new ArrayList<>(List.of(SERV, "--echo", "--port=" + port,
                    "--x509certfile=" + key.certPem(), "--x509keyfile=" + key.gnutlsKeyPem()));
            cmd.addAll(extra);
            return cmd;
        }, "...done");
        OpenSslProcess p = server.process();
        EngineOverSocket conn = run.connect(server.port(), p::describe);
        CustomEndpoint.echoedByPeer(conn, 1);
        if (cell.feature() == Feature.KEY_UPDATE) {
            CustomEndpoint.requestKeyUpdate(conn);
            CustomEndpoint.echoedByPeer(conn, 2);
            CustomEndpoint.echoedByPeer(conn, 3);
        }
        CellRun.closeAndAwait(conn, null, CustomEndpoint.WAIT);
        if (cell.feature() == Feature.RESUMPTION || cell.feature() == Feature.EARLY_DATA) {
            EngineOverSocket again = run.connect(server.port(), p::describe);
            Resumption.expectResumed(again, run.role());
            if (cell.feature() == Feature.EARLY_DATA) {
                // gnutls-serv accepts 0-RTT data but does not echo it; the accepted early_data indication
                // and the completed handshake (early data that fails to decrypt aborts it) are the check.
                Resumption.expectAccepted(again);
            }
            CustomEndpoint.echoedByPeer(again, 4);
            CellRun.closeAndAwait(again, null, CustomEndpoint.WAIT);
        }
    }

    private static void customServer(CellRun run) throws Exception {
        Cell cell = run.cell();
        var listener = run.listen();
        List<String> cmd = new ArrayList<>(List.of(CLI, "--port=" + listener.getLocalPort(),
                "--x509cafile=" + run.files().caPem(), "--verify-hostname=" + TestCredentials.HOST,
                "--sni-hostname=" + TestCredentials.HOST));
        switch (cell.feature()) {
            // GnuTLS shares the first group and the first one of another type (x25519 and secp384r1 would
            // both get a share): secp256r1 then secp384r1 gives one share, secp256r1.
            case HELLO_RETRY -> cmd.add("--priority=NORMAL:-GROUP-ALL:+GROUP-SECP256R1:+GROUP-SECP384R1");
            case ALPN -> cmd.add("--alpn=" + CustomEndpoint.ALPN);
            case CLIENT_AUTH -> cmd.addAll(List.of("--x509certfile=" + run.files().client().certPem(),
                    "--x509keyfile=" + run.files().client().gnutlsKeyPem()));
            default -> { }
        }
        boolean twice = cell.feature() == Feature.RESUMPTION || cell.feature() == Feature.EARLY_DATA;
        if (twice) {
            cmd.add("--resume");
        }
        if (cell.feature() == Feature.EXPORTER) {
            cmd.addAll(List.of("--keymatexport=" + CustomEndpoint.EXPORTER_LABEL,
                    "--keymatexportsize=" + CustomEndpoint.EXPORTER_LENGTH));
        }
        if (cell.feature() == Feature.EARLY_DATA) {
            Path early = Files.writeString(run.files().dir().resolve("gnutls-early-" + cell.id() + ".txt"),
                    Resumption.EARLY_LINE);
            cmd.add("--earlydata=" + early);
        }
        cmd.add("127.0.0.1");
        OpenSslProcess client = run.start(cmd);
        EngineOverSocket conn = run.accept(listener, client::describe);
        if (twice) {
            // gnutls-cli --resume: the first connection only handshakes (and takes the ticket), then
            // gnutls-cli closes it and connects again, resuming; its standard input goes to the second.
            CellRun.awaitPeerClose(conn, client);
            conn = run.accept(listener, client::describe);
            Resumption.expectResumed(conn, run.role());
            if (cell.feature() == Feature.EARLY_DATA) {
                Resumption.expectAccepted(conn);
                CustomEndpoint.expect(Resumption.EARLY_LINE, Resumption.earlyData(conn.engine()), "0-RTT data");
            }
        }
        CustomEndpoint.viaConsole(conn, client, 1);
        if (cell.feature() == Feature.KEY_UPDATE) {
            CustomEndpoint.requestKeyUpdate(conn);
            CustomEndpoint.viaConsole(conn, client, 2);
            CustomEndpoint.viaConsole(conn, client, 3);
        }
        if (cell.feature() == Feature.EXPORTER) {
            CustomEndpoint.expectSameExport(conn, client, "- Key material: ");
        }
        CellRun.peerClosesFirst(conn, client, CustomEndpoint.WAIT);
    }
}
