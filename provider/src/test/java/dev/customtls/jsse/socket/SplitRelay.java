package dev.customtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay for one connection that can hold back part of the server's next chunk: when armed, it
 * forwards only the first {@code head} bytes of the next chunk from the server and the rest after
 * {@link #release()}. Used to put a partial record in front of a client's read timeout.
 */
final class SplitRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile int head;
    private volatile Socket client;
    private volatile Socket server;

    SplitRelay(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread t = new Thread(this::run, "split-relay");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next chunk from the server is split after {@code headBytes} until {@link #release()}. */
    void armSplit(int headBytes) {
        head = headBytes;
        release = new CountDownLatch(1);
        armed.set(true);
    }

    void release() {
        release.countDown();
    }

    private void run() {
        try {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            Thread up = new Thread(() -> copy(client, server, false), "relay-up");
            up.setDaemon(true);
            up.start();
            copy(server, client, true);
        } catch (IOException e) {
            // closed
        }
    }

    private void copy(Socket from, Socket to, boolean splittable) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (splittable && armed.getAndSet(false) && n > head) {
                    out.write(buf, 0, head);
                    out.flush();
                    release.await(30, TimeUnit.SECONDS);
                    out.write(buf, head, n - head);
                } else {
                    out.write(buf, 0, n);
                }
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
