package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.interop.OpenSslProcess;
import dev.customtls.spi.support.TestCredentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server} (Custom client) and {@code openssl s_client} (Custom server): its standard input
 * goes to Custom, Custom's data appears on its standard output; KeyUpdate rows also have openssl send
 * {@code K} (KeyUpdate with update_requested); resumption uses {@code -naccept 2} and
 * {@code -sess_out}/{@code -sess_in}; 0-RTT {@code -early_data}.
 */
final class OpenSslPeer implements Peer {

    private static final String KEY_UPDATE_SENT = ">>> TLS 1.3, Handshake [length 0005], KeyUpdate";
    /** What s_server and s_client print before the keying material they export ({@code -keymatexport}). */
    private static final String EXPORTED = "Keying material: ";
    private static final List<String> EXPORT = List.of("-keymatexport", CustomEndpoint.EXPORTER_LABEL,
            "-keymatexportlen", Integer.toString(CustomEndpoint.EXPORTER_LENGTH));
    private final String binary = OpenSslProcess.binary();
    private final String version = Versions.firstLine(List.of(binary, "version"));

    @Override
    public String name() {
        String[] words = version.split(" ");
        return words.length >= 2 ? words[0] + " " + words[1] : "openssl";
    }

    @Override
    public void requireInstalled() {
        Versions.requireExecutable(binary, "openssl");
    }

    @Override
    public String notApplicable(Cell cell, Role role) {
        if (cell.group().equals(MatrixGrid.HYBRID) && !Versions.atLeast(version, "OpenSSL ", 3, 5)) {
            return name() + " has no " + MatrixGrid.HYBRID + " (OpenSSL 3.5 and later have it)";
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

    private void customClient(CellRun run) throws Exception {
        Cell cell = run.cell();
        PeerFiles.KeyFiles key = run.files().server(cell.cert());
        boolean twice = cell.feature() == Feature.RESUMPTION || cell.feature() == Feature.EARLY_DATA;
        List<String> extra = new ArrayList<>();
        switch (cell.feature()) {
            case HELLO_RETRY -> extra.addAll(List.of("-groups", "P-384"));
            case ALPN -> extra.addAll(List.of("-alpn", CustomEndpoint.ALPN));
            case CLIENT_AUTH -> extra.addAll(List.of("-Verify", "1", "-verify_return_error",
                    "-CAfile", run.files().caPem().toString()));
            case KEY_UPDATE -> extra.add("-msg");
            case EARLY_DATA -> extra.add("-early_data");
            case EXPORTER -> extra.addAll(EXPORT);
            default -> { }
        }
        CellRun.Started server = run.startServer(port -> {
            List<String> cmd = new ArrayList<>(List.of(binary, "s_server", "-accept", "127.0.0.1:" + port,
                    "-naccept", twice ? "2" : "1", "-cert", key.certPem().toString(),
                    "-key", key.keyPem().toString()));
            cmd.addAll(extra);
            return cmd;
        }, "ACCEPT");
        OpenSslProcess p = server.process();
        EngineOverSocket conn = run.connect(server.port(), p::describe);
        CustomEndpoint.viaConsole(conn, p, 1);
        if (cell.feature() == Feature.EXPORTER) {
            CustomEndpoint.expectSameExport(conn, p, EXPORTED);
        }
        if (cell.feature() == Feature.KEY_UPDATE) {
            keyUpdates(conn, p);
        }
        if (twice) {
            conn.closeOrderly();
            EngineOverSocket again = run.connect(server.port(), p::describe);
            Resumption.expectResumed(again, run.role());
            if (cell.feature() == Feature.EARLY_DATA) {
                Resumption.expectAccepted(again);
                p.expectOutput(Resumption.EARLY_LINE.trim(), CustomEndpoint.WAIT);
            }
            CustomEndpoint.viaConsole(again, p, 4);
            conn = again;
        }
        CellRun.closeAndAwait(conn, p, CustomEndpoint.WAIT);
    }

    private void customServer(CellRun run) throws Exception {
        Cell cell = run.cell();
        var listener = run.listen();
        Path session = run.files().dir().resolve("openssl-" + cell.id() + ".session");
        List<String> extra = new ArrayList<>();
        switch (cell.feature()) {
            case HELLO_RETRY -> extra.addAll(List.of("-groups", "X25519:P-384"));
            case ALPN -> extra.addAll(List.of("-alpn", CustomEndpoint.ALPN));
            case CLIENT_AUTH -> extra.addAll(List.of("-cert", run.files().client().certPem().toString(),
                    "-key", run.files().client().keyPem().toString()));
            case KEY_UPDATE -> extra.add("-msg");
            case RESUMPTION, EARLY_DATA -> extra.addAll(List.of("-sess_out", session.toString()));
            case EXPORTER -> extra.addAll(EXPORT);
            default -> { }
        }
        OpenSslProcess client = run.start(clientCommand(run, listener.getLocalPort(), extra));
        EngineOverSocket conn = run.accept(listener, client::describe);
        CustomEndpoint.viaConsole(conn, client, 1);
        if (cell.feature() == Feature.EXPORTER) {
            CustomEndpoint.expectSameExport(conn, client, EXPORTED);
        }
        if (cell.feature() == Feature.KEY_UPDATE) {
            keyUpdates(conn, client);
        }
        CellRun.closeAndAwait(conn, client, CustomEndpoint.WAIT);
        if (cell.feature() == Feature.RESUMPTION || cell.feature() == Feature.EARLY_DATA) {
            CustomEndpoint.check(Files.size(session) > 0, "s_client saved no session");
            List<String> again = new ArrayList<>(List.of("-sess_in", session.toString()));
            if (cell.feature() == Feature.EARLY_DATA) {
                Path early = Files.writeString(run.files().dir().resolve("early-" + cell.id() + ".txt"),
                        Resumption.EARLY_LINE);
                again.addAll(List.of("-early_data", early.toString()));
            }
            OpenSslProcess second = run.start(clientCommand(run, listener.getLocalPort(), again));
            EngineOverSocket resumed = run.accept(listener, second::describe);
            Resumption.expectResumed(resumed, run.role());
            if (cell.feature() == Feature.EARLY_DATA) {
                Resumption.expectAccepted(resumed);
                CustomEndpoint.expect(Resumption.EARLY_LINE, Resumption.earlyData(resumed.engine()), "0-RTT data");
            }
            CustomEndpoint.viaConsole(resumed, second, 4);
            CellRun.closeAndAwait(resumed, second, CustomEndpoint.WAIT);
        }
    }

    /**
     * RFC 8446 section 4.6.3, both ways: Custom requests an update (openssl must answer with its own
     * KeyUpdate before its next data), then openssl's {@code K} command requests one from Custom.
     */
    private static void keyUpdates(EngineOverSocket conn, OpenSslProcess peer) throws Exception {
        CustomEndpoint.requestKeyUpdate(conn);
        CustomEndpoint.viaConsole(conn, peer, 2);
        // After this exchange openssl's answer is in its output (it precedes the data Custom just echoed).
        CustomEndpoint.viaConsole(conn, peer, 3);
        int before = OpenSslProcess.count(peer.output(), KEY_UPDATE_SENT);
        CustomEndpoint.check(before >= 1, "openssl did not answer Custom's KeyUpdate; " + peer.describe());
        peer.send("K\n");
        // Only then the next line: one read together with "K" would be swallowed by the command.
        peer.expectOutput(KEY_UPDATE_SENT, before + 1, CustomEndpoint.WAIT);
        CustomEndpoint.viaConsole(conn, peer, 4);
    }

    /**
     * s_client; {@code -quiet} except in exporter rows (it would keep s_client from printing the export), and
     * before {@code -no_ign_eof}: {@code -quiet} also sets ignore-EOF, which turns s_client's commands ({@code K})
     * into plain data.
     */
    private List<String> clientCommand(CellRun run, int port, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of(binary, "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", TestCredentials.HOST, "-CAfile", run.files().caPem().toString(),
                "-verify_return_error", "-verify_hostname", TestCredentials.HOST));
        if (run.cell().feature() != Feature.EXPORTER) {
            cmd.add("-quiet");
        }
        cmd.add("-no_ign_eof");
        cmd.addAll(extra);
        return cmd;
    }
}
