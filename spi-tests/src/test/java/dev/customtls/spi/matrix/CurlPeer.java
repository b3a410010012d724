package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.interop.OpenSslProcess;
import dev.customtls.spi.support.TestCredentials;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code curl} as an HTTPS client of a {@code Custom} server: it POSTs a line, Custom answers with the same
 * bytes ({@code Connection: close}), curl prints them. Resumption rows give curl two URLs, so its second
 * connection resumes from its session cache. curl has no server role.
 */
final class CurlPeer implements Peer {

    static final String CURL = "/usr/bin/curl";
    private final String version = Versions.firstLine(List.of(CURL, "--version"));

    @Override
    public String name() {
        String[] words = version.split(" ");
        String ssl = "";
        for (String w : words) {
            if (w.startsWith("OpenSSL/") || w.startsWith("GnuTLS/")) {
                ssl = " (" + w + ")";
            }
        }
        return words.length > 1 ? "curl " + words[1] + ssl : "curl";
    }

    @Override
    public void requireInstalled() {
        Versions.requireExecutable(CURL, "curl");
    }

    @Override
    public String notApplicable(Cell cell, Role role) {
        if (role == Role.CUSTOM_CLIENT) {
            return "curl has no server role";
        }
        if (cell.feature() == Feature.EARLY_DATA) {
            return "curl 7.88 sends no 0-RTT data";
        }
        if (cell.feature() == Feature.EXPORTER) {
            return "curl cannot export keying material";
        }
        if (cell.group().equals(MatrixGrid.HYBRID) && !Versions.atLeast(version, "OpenSSL/", 3, 5)) {
            return name() + " has no " + MatrixGrid.HYBRID + " (its OpenSSL is older than 3.5)";
        }
        return null;
    }

    @Override
    public void run(CellRun run) throws Exception {
        Cell cell = run.cell();
        var listener = run.listen();
        int port = listener.getLocalPort();
        String body = CustomEndpoint.line("CURL", 7);
        Path file = Files.writeString(run.files().dir().resolve("curl-" + cell.id() + ".txt"), body);
        List<String> cmd = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "15", "--http1.1",
                "--cacert", run.files().caPem().toString(),
                "--resolve", TestCredentials.HOST + ":" + port + ":127.0.0.1",
                cell.tls13() ? "--tlsv1.3" : "--tlsv1.2", "--data-binary", "@" + file,
                "-H", "Content-Type: text/plain"));
        switch (cell.feature()) {
            case HELLO_RETRY -> cmd.addAll(List.of("--curves", "X25519:P-384"));
            case CLIENT_AUTH -> cmd.addAll(List.of("--cert", run.files().client().certPem().toString(),
                    "--key", run.files().client().keyPem().toString()));
            default -> { }
        }
        if (cell.feature() != Feature.ALPN) {
            cmd.add("--no-alpn");
        }
        // Resumption: two URLs in one run; the server closes after each response, so curl reconnects and
        // resumes from its session cache.
        int connections = cell.feature() == Feature.RESUMPTION ? 2 : 1;
        for (int i = 0; i < connections; i++) {
            cmd.add("https://" + TestCredentials.HOST + ":" + port + "/echo" + i);
        }
        OpenSslProcess curl = run.start(cmd);
        for (int i = 0; i < connections; i++) {
            EngineOverSocket conn = run.accept(listener, curl::describe);
            if (i > 0) {
                Resumption.expectResumed(conn, run.role());
            }
            byte[] request = readRequest(conn);
            if (cell.feature() == Feature.KEY_UPDATE) {
                CustomEndpoint.requestKeyUpdate(conn);
            }
            byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + request.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            conn.write(response);
            conn.write(request);
            CellRun.closeAndAwait(conn, i == connections - 1 ? curl : null, CustomEndpoint.WAIT);
        }
        CustomEndpoint.check(curl.exitValue() == 0, "curl failed; " + curl.describe());
        // The output reader may lag behind the exit.
        String expected = body.repeat(connections);
        curl.awaitOutput(body.substring(body.length() - 64), connections, CustomEndpoint.WAIT);
        CustomEndpoint.check(curl.output().equals(expected), "curl printed something else; " + curl.describe());
    }

    /** Reads the request head and its Content-Length body; returns the body. */
    private static byte[] readRequest(EngineOverSocket conn) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(conn.read(1));
            CustomEndpoint.check(head.size() < 8192, "request head too long");
        }
        int length = -1;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        CustomEndpoint.check(length > 0, "no Content-Length in " + head.toString(StandardCharsets.ISO_8859_1));
        return conn.read(length);
    }
}
