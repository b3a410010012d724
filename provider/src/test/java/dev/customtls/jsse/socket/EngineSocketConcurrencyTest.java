package dev.customtls.jsse.socket;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.customtls.jsse.socket.TlsFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** One thread reading while another writes, and many connections at once. */
@Timeout(300)
class EngineSocketConcurrencyTest {

    static final int DUPLEX_BYTES = 10 << 20;

    static List<EngineSocketEchoTest.Pair> pairs() {
        return EngineSocketEchoTest.pairs();
    }

    /** Sends {@code out} while receiving {@code expectIn.length} bytes on other threads; checks both. */
    static void pushBothWays(Socket s, byte[] out, byte[] expectIn) throws Exception {
        Future<Void> writer = async(() -> {
            writeChunks(s.getOutputStream(), out, 65536);
            return null;
        });
        Future<byte[]> reader = async(() -> readFully(s.getInputStream(), expectIn.length));
        byte[] got = await(reader);
        await(writer);
        assertArrayEquals(sha256(expectIn), sha256(got));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void fullDuplexTenMegabytesEachWay(EngineSocketEchoTest.Pair pair) throws Exception {
        byte[] up = data(DUPLEX_BYTES, 1);
        byte[] down = data(DUPLEX_BYTES, 2);
        try (ServerSocket server = EngineSocketEchoTest.listen(pair.server())) {
            Future<Void> serverSide = async(() -> {
                try (Socket s = server.accept()) {
                    pushBothWays(s, down, up);
                }
                return null;
            });
            try (SSLSocket c = EngineSocketEchoTest.connect(pair.client(), server)) {
                pushBothWays(c, up, down);
            }
            await(serverSide);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void hundredConcurrentConnectionsToOneServerSocket(EngineSocketEchoTest.Pair pair) throws Exception {
        int n = 100;
        ExecutorService pool = Executors.newFixedThreadPool(2 * n + 1);
        try (ServerSocket server = EngineSocketEchoTest.listen(pair.server())) {
            Future<Void> acceptor = pool.submit(() -> {
                for (int i = 0; i < n; i++) {
                    Socket s = server.accept();
                    pool.submit(() -> echoOnce(s));
                }
                return null;
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                SSLSocketFactory f = pair.client();
                clients.add(pool.submit(() -> {
                    start.await();
                    byte[] msg = data(1000 + id, id);
                    try (SSLSocket c = EngineSocketEchoTest.connect(f, server)) {
                        c.getOutputStream().write(msg);
                        c.shutdownOutput();
                        InputStream in = c.getInputStream();
                        assertArrayEquals(msg, readFully(in, msg.length));
                        assertEquals(-1, in.read());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<Void> f : clients) {
                f.get(120, TimeUnit.SECONDS);
            }
            acceptor.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void echoOnce(Socket s) throws IOException {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[4096];
            int r;
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
            }
        }
        return null;
    }
}
