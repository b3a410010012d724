package dev.customtls.spi.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LoadSettings#CONCURRENT} connections open at the same time over one {@code Custom} server: each
 * client handshakes, waits until every other client has too, sends a message and checks the echo, then
 * closes with close_notify. Once under an NIO server driving one {@code SSLEngine} per connection, once
 * under a blocking {@code SSLServerSocket}. Zero failures; afterwards the threads are gone and the heap
 * after a full collection is back to its level before the run (no sessions, buffers or threads leaked).
 */
class ConcurrentConnectionsLoadTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void nioEngineServer() throws Exception {
        SSLContext server = LoadSettings.serverContext();
        SSLContext client = LoadSettings.clientContext();
        runNio(server, client, Math.min(20, LoadSettings.CONCURRENT)); // warm-up, fills the caches we keep
        long heapBefore = LoadSettings.usedHeapAfterGc();
        int threadsBefore = LoadSettings.liveThreads();
        runNio(server, client, LoadSettings.CONCURRENT);
        assertNoLeak(heapBefore, threadsBefore);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void blockingServerSocket() throws Exception {
        SSLContext server = LoadSettings.serverContext();
        SSLContext client = LoadSettings.clientContext();
        runBlocking(server, client, Math.min(20, LoadSettings.CONCURRENT));
        long heapBefore = LoadSettings.usedHeapAfterGc();
        int threadsBefore = LoadSettings.liveThreads();
        runBlocking(server, client, LoadSettings.CONCURRENT);
        assertNoLeak(heapBefore, threadsBefore);
    }

    private static void runNio(SSLContext serverContext, SSLContext clientContext, int n) throws Exception {
        try (NioEchoServer server = new NioEchoServer(serverContext)) {
            List<Throwable> failures = runClients(clientContext, server.port(), n);
            assertEquals(List.of(), failures, "client failures");
            waitFor(() -> server.closedCleanly.get() + server.failures.get() >= n);
            assertEquals(0, server.failures.get(), "server failures, first: " + server.firstFailure);
            assertEquals(n, server.handshakes.get(), "server handshakes");
            assertEquals(n, server.closedCleanly.get(), "connections closed with close_notify");
        }
    }

    private static void runBlocking(SSLContext serverContext, SSLContext clientContext, int n) throws Exception {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger serverFailures = new AtomicInteger();
        List<Throwable> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newCachedThreadPool();
        try (SSLServerSocket ss = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    try {
                        SSLSocket s = (SSLSocket) ss.accept();
                        workers.execute(() -> {
                            try (s) {
                                s.startHandshake();
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream();
                                byte[] buf = new byte[LoadSettings.MESSAGE];
                                new DataInputStream(in).readFully(buf);
                                out.write(buf);
                                out.flush();
                                if (in.read() != -1) {
                                    throw new IOException("data after the message");
                                }
                                served.incrementAndGet();
                            } catch (IOException | RuntimeException e) {
                                serverFailures.incrementAndGet();
                                serverErrors.add(e);
                            }
                        });
                    } catch (IOException e) {
                        serverFailures.incrementAndGet();
                        serverErrors.add(e);
                        return;
                    }
                }
            }, "blocking-acceptor");
            acceptor.start();
            List<Throwable> failures = runClients(clientContext, ss.getLocalPort(), n);
            assertEquals(List.of(), failures, "client failures");
            acceptor.join(60_000);
            waitFor(() -> served.get() + serverFailures.get() >= n);
            assertEquals(List.of(), serverErrors, "server failures");
            assertEquals(n, served.get());
        } finally {
            workers.shutdown();
            assertTrue(workers.awaitTermination(60, TimeUnit.SECONDS));
        }
    }

    /**
     * {@code n} client threads: connect, handshake, wait until all are connected, echo one message, close.
     * Returns what failed.
     */
    private static List<Throwable> runClients(SSLContext ctx, int port, int n) throws Exception {
        CountDownLatch allConnected = new CountDownLatch(n);
        ExecutorService clients = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                results.add(clients.submit(() -> {
                    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
                        s.setSoTimeout(600_000);
                        s.startHandshake();
                        allConnected.countDown();
                        if (!allConnected.await(10, TimeUnit.MINUTES)) {
                            throw new IllegalStateException("not all clients connected");
                        }
                        byte[] msg = LoadSettings.message(id);
                        s.getOutputStream().write(msg);
                        s.getOutputStream().flush();
                        byte[] echo = new byte[msg.length];
                        new DataInputStream(s.getInputStream()).readFully(echo);
                        assertArrayEquals(msg, echo);
                        return null;
                    } catch (Throwable t) {
                        allConnected.countDown();
                        throw t;
                    }
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> f : results) {
                try {
                    f.get(20, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            clients.shutdown();
            clients.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    static void assertNoLeak(long heapBefore, int threadsBefore) throws InterruptedException {
        int threadsAfter = LoadSettings.liveThreads();
        assertTrue(threadsAfter <= threadsBefore + 2, "threads: " + threadsBefore + " before, " + threadsAfter + " after");
        long heapAfter = LoadSettings.usedHeapAfterGc();
        long allowed = heapBefore + Math.max(16L << 20, heapBefore / 10);
        System.out.printf("heap after GC: %,d bytes before, %,d after; threads %d before, %d after%n",
                heapBefore, heapAfter, threadsBefore, threadsAfter);
        assertTrue(heapAfter <= allowed, "heap grew: " + heapBefore + " -> " + heapAfter);
    }
}
