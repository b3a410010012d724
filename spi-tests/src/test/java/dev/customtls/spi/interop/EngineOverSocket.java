package dev.customtls.spi.interop;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * An {@link SSLEngine} driven over a blocking {@link Socket} (independent of any provider's
 * {@code SSLSocket}): handshake, write, read exactly n bytes (post-handshake messages such as
 * NewSessionTicket and KeyUpdate are handled on the way, including a KeyUpdate sent in response), and an
 * orderly close. Reads time out (the socket's SO_TIMEOUT), so a hung peer fails the test. The bytes of the
 * handshake are captured in both directions for inspection.
 */
public final class EngineOverSocket implements AutoCloseable {

    private static final int CAPTURE_LIMIT = 256 * 1024;
    private static final int MAX_STEPS = 100_000;

    private final SSLEngine engine;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private int finished;

    public EngineOverSocket(SSLEngine engine, Socket socket, int timeoutMillis) throws IOException {
        this.engine = engine;
        this.socket = socket;
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    public SSLEngine engine() {
        return engine;
    }

    /** Bytes received from the peer so far (captured up to a limit). */
    public byte[] received() {
        return received.toByteArray();
    }

    /** Bytes sent to the peer so far (captured up to a limit). */
    public byte[] sent() {
        return sent.toByteArray();
    }

    public void handshake() throws IOException {
        engine.beginHandshake();
        for (int i = 0; i < MAX_STEPS; i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_UNWRAP -> {
                    if (!unwrap()) {
                        readMore();
                    }
                }
                case NEED_TASK -> runTasks();
                default -> {
                    if (finished == 0) {
                        throw new SSLException("handshake ended without FINISHED: " + hs);
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("handshake did not complete in " + MAX_STEPS + " steps");
    }

    public void write(byte[] data) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(data);
        for (int i = 0; src.hasRemaining() && i < MAX_STEPS; i++) {
            wrap(src);
        }
        if (src.hasRemaining()) {
            throw new IllegalStateException("could not write " + data.length + " bytes");
        }
    }

    /** Reads exactly {@code n} bytes of application data. */
    public byte[] read(int n) throws IOException {
        for (int i = 0; appIn.position() < n && i < MAX_STEPS; i++) {
            serviceHandshake();
            if (engine.isInboundDone()) {
                throw new EOFException("peer closed after " + appIn.position() + " of " + n + " bytes");
            }
            if (!unwrap()) {
                readMore();
            }
        }
        if (appIn.position() < n) {
            throw new IllegalStateException("read " + appIn.position() + " of " + n + " bytes");
        }
        appIn.flip();
        byte[] data = new byte[n];
        appIn.get(data);
        appIn.compact();
        serviceHandshake();
        return data;
    }

    /** closeOutbound, send close_notify, then read until the peer's close_notify. */
    public void closeOrderly() throws IOException {
        engine.closeOutbound();
        for (int i = 0; !engine.isOutboundDone() && i < MAX_STEPS; i++) {
            wrap(ByteBuffer.allocate(0));
        }
        for (int i = 0; !engine.isInboundDone() && i < MAX_STEPS; i++) {
            if (!unwrap()) {
                readMore();
            }
        }
        if (!engine.isInboundDone() || !engine.isOutboundDone()) {
            throw new IllegalStateException("close did not complete");
        }
    }

    /**
     * After the engine failed (an {@code SSLException} from a handshake step): sends the alert it has queued, as
     * JSSE applications do by wrapping once more, so that the peer learns why.
     */
    public void sendPendingAlert() throws IOException {
        for (int i = 0; !engine.isOutboundDone() && i < MAX_STEPS; i++) {
            wrap(ByteBuffer.allocate(0));
        }
    }

    public int finishedCount() {
        return finished;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Sends whatever the engine wants to send outside of a handshake (KeyUpdate responses, tickets). */
    private void serviceHandshake() throws IOException {
        for (int i = 0; i < 100; i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (hs == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                wrap(ByteBuffer.allocate(0));
            } else {
                return;
            }
        }
    }

    private void wrap(ByteBuffer src) throws IOException {
        SSLEngineResult r = engine.wrap(src, netOut);
        count(r);
        if (r.getStatus() == Status.BUFFER_OVERFLOW) {
            netOut = grow(netOut, engine.getSession().getPacketBufferSize());
            return;
        }
        netOut.flip();
        byte[] bytes = new byte[netOut.remaining()];
        netOut.get(bytes);
        netOut.clear();
        if (bytes.length > 0) {
            capture(sent, bytes, bytes.length);
            out.write(bytes);
            out.flush();
        }
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
    }

    /** One unwrap; true when it made progress, false when more bytes are needed. */
    private boolean unwrap() throws IOException {
        if (netIn.position() == 0) {
            if (engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
                return false;
            }
            // An engine that keeps received records inside (OpenSSL's, through Netty) may finish a handshake step
            // on an unwrap with nothing new: BoringSSL as a TLS 1.2 client does after the server's Finished.
            SSLEngineResult r = engine.unwrap(ByteBuffer.allocate(0), appIn);
            count(r);
            return r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP;
        }
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        count(r);
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                if (netIn.remaining() < engine.getSession().getPacketBufferSize()) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                }
                return false;
            }
            default -> {
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            }
        }
    }

    private void readMore() throws IOException {
        if (netIn.remaining() == 0) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        byte[] buf = new byte[netIn.remaining()];
        int n = in.read(buf);
        if (n < 0) {
            throw new EOFException("peer closed the connection; engine " + engine.getHandshakeStatus()
                    + ", inboundDone=" + engine.isInboundDone());
        }
        capture(received, buf, n);
        netIn.put(buf, 0, n);
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void count(SSLEngineResult r) {
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            finished++;
        }
    }

    private static void capture(ByteArrayOutputStream sink, byte[] bytes, int n) {
        if (sink.size() < CAPTURE_LIMIT) {
            sink.write(bytes, 0, Math.min(n, CAPTURE_LIMIT - sink.size()));
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int free) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + free));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    @Override
    public String toString() {
        return "EngineOverSocket[" + engine.getHandshakeStatus() + ", pendingIn=" + netIn.position()
                + ", inboundDone=" + engine.isInboundDone() + ", outboundDone=" + engine.isOutboundDone() + "]";
    }
}
