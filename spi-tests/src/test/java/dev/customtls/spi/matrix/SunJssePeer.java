package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.interop.OpenSslProcess;
import dev.customtls.spi.support.NamedGroups;
import dev.customtls.spi.support.TestCredentials;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SunJSSE as the peer, through {@link SunJssePeerMain}: either on a thread of this JVM or in a child JVM of
 * another JDK (the program is started from the test class path). The peer echoes (server) or sends lines
 * and checks their echo (client); Custom closes first and the peer answers the close_notify.
 */
final class SunJssePeer implements Peer {

    private final Path javaHome;
    private final String name;
    private final int feature;

    private SunJssePeer(Path javaHome, String name, int feature) {
        this.javaHome = javaHome;
        this.name = name;
        this.feature = feature;
    }

    /** SunJSSE of the JDK running the tests, on a thread. */
    static SunJssePeer inProcess() {
        return new SunJssePeer(null, "SunJSSE " + Runtime.version().feature() + " (in-process)",
                Runtime.version().feature());
    }

    /** SunJSSE of the JDK at {@code javaHome}, in a child JVM. */
    static SunJssePeer childJvm(Path javaHome) {
        String version = jdkVersion(javaHome);
        int feature;
        try {
            feature = Runtime.Version.parse(version).feature();
        } catch (IllegalArgumentException e) {
            feature = 0;
        }
        return new SunJssePeer(javaHome, "SunJSSE " + version + " (child JVM)", feature);
    }

    /**
     * The other JDK: system property {@code spi.peerJdk}, else Temurin 25, or JDK 17 when the tests run on
     * Temurin 25 themselves.
     */
    static Path otherJdk() {
        String configured = System.getProperty("spi.peerJdk", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        Path self = Path.of(System.getProperty("java.home"));
        try {
            if (Files.exists(temurin) && Files.isSameFile(self, temurin)) {
                return Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
            }
        } catch (IOException e) {
            // fall through to Temurin
        }
        return temurin;
    }

    private static String jdkVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring(13).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return home.getFileName().toString();
    }

    private boolean child() {
        return javaHome != null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void requireInstalled() {
        if (child()) {
            Versions.requireExecutable(javaHome.resolve("bin/java").toString(), "a second JDK (" + javaHome + ")");
        }
    }

    @Override
    public String notApplicable(Cell cell, Role role) {
        if (cell.feature() == Feature.EARLY_DATA) {
            return "SunJSSE has no 0-RTT";
        }
        if (cell.feature() == Feature.EXPORTER && feature < 25) {
            return "SunJSSE " + feature + " has no keying material exporters (ExtendedSSLSession has them from JDK 25)";
        }
        if (cell.group().equals(MatrixGrid.HYBRID) && feature < 26) {
            return "SunJSSE " + feature + " has no " + MatrixGrid.HYBRID;
        }
        if (cell.suite().startsWith("TLS_RSA_WITH_") && feature >= 24) {
            return "JDK 24+ disables the TLS_RSA_* suites (RSA key exchange) in jdk.tls.disabledAlgorithms";
        }
        if (!child() && cell.feature() == Feature.HELLO_RETRY && role == Role.CUSTOM_CLIENT
                && !NamedGroups.parametersHaveNamedGroups()) {
            return "SunJSSE " + Runtime.version().feature() + " cannot restrict one server's groups in-process "
                    + "(jdk.tls.namedGroups is JVM-wide); the child JVM column forces it";
        }
        return null;
    }

    @Override
    public void run(CellRun run) throws Exception {
        Cell cell = run.cell();
        List<String> args = new ArrayList<>();
        args.add("truststore=" + run.files().trustStore());
        args.add("jvmWide=" + child());
        int connections = cell.feature() == Feature.RESUMPTION ? 2 : 1;
        args.add("connections=" + connections);
        int lines = cell.feature() == Feature.KEY_UPDATE ? 3 : 1;
        if (cell.feature() == Feature.ALPN) {
            args.add("alpn=" + CustomEndpoint.ALPN);
        }
        List<String> exports = new ArrayList<>();
        if (cell.feature() == Feature.EXPORTER) {
            args.add("export=" + CustomEndpoint.EXPORTER_LABEL);
            args.add("exportLength=" + CustomEndpoint.EXPORTER_LENGTH);
            args.add("exportContext=" + new String(CustomEndpoint.EXPORTER_CONTEXT, StandardCharsets.US_ASCII));
        }
        if (run.role() == Role.CUSTOM_CLIENT) {
            args.add("mode=server");
            args.add("keystore=" + run.files().server(cell.cert()).pkcs12());
            switch (cell.feature()) {
                case HELLO_RETRY -> args.add("groups=" + MatrixGrid.P384);
                case SNI -> args.add("sni=" + TestCredentials.HOST);
                case CLIENT_AUTH -> args.add("needClientAuth=true");
                default -> { }
            }
            PeerHandle server = start(run, args);
            run.clientDialogue(server.port(), connections, server::describe, (conn, c) -> {
                exports.add(exportsOf(conn));
                closeOrderly(conn, server);
            });
            server.expectSuccess();
            expectSameExports(cell, exports, server);
        } else {
            ServerSocket listener = run.listen();
            args.add("mode=client");
            args.add("port=" + listener.getLocalPort());
            args.add("lines=" + lines);
            args.add("lineLength=" + CustomEndpoint.LINE_LENGTH);
            switch (cell.feature()) {
                // JDK 24+ sends two key shares (x25519 and the next group): put secp256r1 second.
                case HELLO_RETRY -> args.add("groups=" + MatrixGrid.X25519 + "," + MatrixGrid.P256 + ","
                        + MatrixGrid.P384);
                case CLIENT_AUTH -> args.add("keystore=" + run.files().client().pkcs12());
                case SNI -> args.add("sni=" + TestCredentials.HOST);
                default -> { }
            }
            PeerHandle client = start(run, args);
            run.serverDialogue(listener, connections, lines, client::describe, (conn, c) -> {
                exports.add(exportsOf(conn));
                closeOrderly(conn, client);
            });
            client.expectSuccess();
            expectSameExports(cell, exports, client);
        }
    }

    /**
     * What Custom exports on {@code conn} in the form {@link SunJssePeerMain} prints it: without a context, with
     * an empty one and with {@link CustomEndpoint#EXPORTER_CONTEXT} (the first two differ in TLS 1.2 only).
     */
    private static String exportsOf(EngineOverSocket conn) {
        return SunJssePeerMain.EXPORTED + " none=" + CustomEndpoint.exported(conn, null)
                + " empty=" + CustomEndpoint.exported(conn, new byte[0])
                + " context=" + CustomEndpoint.exported(conn, CustomEndpoint.EXPORTER_CONTEXT);
    }

    /** Exporter rows: per connection, SunJSSE's {@code EXPORTED} line equals Custom's. */
    private static void expectSameExports(Cell cell, List<String> custom, PeerHandle peer) {
        if (cell.feature() != Feature.EXPORTER) {
            return;
        }
        List<String> sunJsse = peer.output().lines().filter(l -> l.startsWith(SunJssePeerMain.EXPORTED)).toList();
        if (!custom.equals(sunJsse)) {
            throw new AssertionError("keying material exported: Custom " + custom + ", SunJSSE " + sunJsse);
        }
    }

    private static void closeOrderly(EngineOverSocket conn, PeerHandle peer) {
        try {
            conn.closeOrderly();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("orderly close failed: " + e + "; " + peer.describe(), e);
        }
    }

    private PeerHandle start(CellRun run, List<String> args) throws IOException {
        if (!child()) {
            return run.track(PeerHandle.thread(args));
        }
        List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", testClasses(), SunJssePeerMain.class.getName()));
        cmd.addAll(args);
        return PeerHandle.process(run.start(cmd));
    }

    private static String testClasses() {
        try {
            return Path.of(SunJssePeerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A running peer program: a child process or a thread of this JVM. */
    abstract static class PeerHandle implements AutoCloseable {

        static final Duration WAIT = Duration.ofSeconds(15);

        abstract String output();

        abstract boolean awaitExit(Duration timeout) throws InterruptedException;

        abstract int exitValue();

        String describe() {
            String out = output();
            return "SunJSSE peer output: " + (out.length() > 2000 ? "..." + out.substring(out.length() - 2000) : out);
        }

        /** The server's port, from its {@code LISTENING} line. */
        int port() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (String line : output().split("\n")) {
                    if (line.startsWith("LISTENING ")) {
                        return Integer.parseInt(line.substring(10).trim());
                    }
                }
                if (awaitExit(Duration.ofMillis(20))) {
                    break;
                }
            }
            throw new AssertionError("the SunJSSE peer server did not start; " + describe());
        }

        void expectSuccess() throws InterruptedException {
            if (!awaitExit(WAIT)) {
                throw new AssertionError("the SunJSSE peer did not finish; " + describe());
            }
            if (exitValue() != 0) {
                throw new AssertionError("the SunJSSE peer failed; " + describe());
            }
        }

        static PeerHandle process(OpenSslProcess p) {
            return new PeerHandle() {
                @Override
                String output() {
                    return p.output();
                }

                @Override
                boolean awaitExit(Duration timeout) throws InterruptedException {
                    return p.awaitExit(timeout);
                }

                @Override
                int exitValue() {
                    return p.exitValue();
                }

                @Override
                public void close() {
                    p.close();
                }
            };
        }

        static PeerHandle thread(List<String> args) {
            StringBuffer out = new StringBuffer();
            int[] rc = {-1};
            Thread t = new Thread(() -> {
                int code = SunJssePeerMain.run(args, line -> out.append(line).append('\n'));
                synchronized (rc) {
                    rc[0] = code;
                }
            }, "sunjsse-peer");
            t.setDaemon(true);
            t.start();
            return new PeerHandle() {
                @Override
                String output() {
                    return out.toString();
                }

                @Override
                boolean awaitExit(Duration timeout) throws InterruptedException {
                    t.join(Math.max(1, timeout.toMillis()));
                    return !t.isAlive();
                }

                @Override
                int exitValue() {
                    synchronized (rc) {
                        return rc[0];
                    }
                }

                @Override
                public void close() throws InterruptedException {
                    // The peer's sockets time out on their own (10 s); a thread cannot be killed.
                    t.interrupt();
                    t.join(TimeUnit.SECONDS.toMillis(1));
                }
            };
        }
    }
}
