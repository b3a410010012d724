package dev.customtls.spi.interop;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An {@code openssl s_server} on a free loopback port, started again on another port when it loses the race
 * for one, and the helpers the single-connection interop tests share.
 */
final class OpenSslServer implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OpenSslProcess process;
    private final int port;

    private OpenSslServer(OpenSslProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code openssl s_server -accept 127.0.0.1:<port> <args>}, with {@code environment} added. */
    static OpenSslServer start(List<String> args, Map<String, String> environment) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = Loopback.freePort();
            List<String> cmd = new ArrayList<>(List.of(OpenSslProcess.binary(), "s_server",
                    "-accept", "127.0.0.1:" + port));
            cmd.addAll(args);
            OpenSslProcess p = OpenSslProcess.command(cmd, environment);
            if (p.awaitOutput("ACCEPT", 1, WAIT)) {
                return new OpenSslServer(p, port);
            }
            p.close();
        }
        throw new AssertionError("s_server did not start");
    }

    OpenSslProcess process() {
        return process;
    }

    /** A client {@code engine} connected to this server over a socket. */
    EngineOverSocket connect(SSLEngine engine, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
        return new EngineOverSocket(engine, s, timeoutMillis);
    }

    /** A line each way between an engine and an OpenSSL peer: the connection carries data. */
    static void exchangeLines(EngineOverSocket conn, OpenSslProcess peer) throws Exception {
        peer.send("#from-openssl\n");
        assertEquals("#from-openssl\n", new String(conn.read(14), StandardCharsets.US_ASCII));
        conn.write("#from-custom\n".getBytes(StandardCharsets.US_ASCII));
        peer.expectOutput("#from-custom", WAIT);
    }

    @Override
    public void close() {
        process.close();
    }
}
