package dev.customtls.spi.support;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Drives a client and a server {@link SSLEngine} against each other in memory: runs {@code wrap},
 * {@code unwrap} and delegated tasks until a goal is reached, honours {@code BUFFER_OVERFLOW} and
 * {@code BUFFER_UNDERFLOW} by growing buffers, counts {@code FINISHED} per side, captures the bytes each side
 * sent during the handshake, and fails (never hangs) when a round makes no progress or a bound is hit.
 *
 * <p>Bytes move between the sides in chunks of at most {@link #trickle(int)} bytes (default: all), which
 * is how the tests feed records one byte at a time.
 */
public final class EnginePair {

    /** Upper bound on rounds for any goal (one byte per round still completes a handshake). */
    public static final int MAX_ROUNDS = 400_000;

    private static final int MAX_STEPS_PER_PUMP = 10_000;

    private final Side client;
    private final Side server;
    private int maxChunk = Integer.MAX_VALUE;
    private boolean capturing = true;

    public EnginePair(SSLEngine client, SSLEngine server) {
        this.client = new Side("client", client);
        this.server = new Side("server", server);
    }

    /** Moves at most {@code chunk} bytes per direction and round (1 feeds records byte by byte). */
    public EnginePair trickle(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk " + chunk);
        }
        this.maxChunk = chunk;
        return this;
    }

    public Side client() {
        return client;
    }

    public Side server() {
        return server;
    }

    /** Bytes the client sent up to the end of the handshake. */
    public byte[] clientWire() {
        return client.wire.toByteArray();
    }

    /** Bytes the server sent up to the end of the handshake. */
    public byte[] serverWire() {
        return server.wire.toByteArray();
    }

    /**
     * Runs the handshake to completion and asserts it succeeded: no exception on either side,
     * {@code FINISHED} exactly once per side, both sides {@code NOT_HANDSHAKING}, nothing left in flight.
     */
    public void handshake() {
        begin();
        runUntil(this::handshakeComplete, "handshake", true);
        capturing = false;
        assertFinishedOnce();
    }

    /**
     * Asserts {@code FINISHED} was reported exactly once per side so far. The one tolerated exception is the
     * reference's known quirk: a SunJSSE TLS 1.3 client reports {@code FINISHED} a second time when it
     * unwraps the server's NewSessionTicket.
     */
    public void assertFinishedOnce() {
        for (Side s : List.of(client, server)) {
            int allowed = s == client && s.isSunJsse() ? 2 : 1;
            if (s.finished < 1 || s.finished > allowed) {
                throw new AssertionError("FINISHED must be reported exactly once per side"
                        + (allowed > 1 ? " (SunJSSE client: once more after NewSessionTicket)" : "") + "; " + state());
            }
        }
    }

    /**
     * Runs the handshake until both sides have either completed or failed and nothing is in flight, and
     * reports what happened; for handshakes expected to fail.
     */
    public Outcome handshakeOutcome() {
        begin();
        runUntil(() -> settled(client) && settled(server) && nothingInFlight(), "handshake", false);
        capturing = false;
        return new Outcome(client.failure, server.failure);
    }

    /** Both sides' exceptions of a handshake (null where a side succeeded). */
    public record Outcome(SSLException clientFailure, SSLException serverFailure) {
    }

    /** Sends {@code size} pattern bytes each way at once and checks what arrives. */
    public void exchange(int size) {
        byte[] toServer = TestData.pattern(size, 1);
        byte[] toClient = TestData.pattern(size, 2);
        client.appOut = ByteBuffer.wrap(toServer);
        server.appOut = ByteBuffer.wrap(toClient);
        client.appIn.clear();
        server.appIn.clear();
        runUntil(() -> !client.appOut.hasRemaining() && !server.appOut.hasRemaining()
                && server.appIn.position() >= size && client.appIn.position() >= size && nothingInFlight(),
                "exchange of " + size + " bytes", true);
        check("client to server", server.appIn, size, 1);
        check("server to client", client.appIn, size, 2);
    }

    /**
     * Orderly close: {@code closeOutbound} on the initiator, its close_notify delivered, then
     * {@code closeOutbound} on the peer and its close_notify delivered; asserts both sides' inbound and
     * outbound are done and no exception occurred.
     */
    public void close(boolean clientFirst) {
        Side first = clientFirst ? client : server;
        Side second = clientFirst ? server : client;
        first.engine.closeOutbound();
        runUntil(() -> second.engine.isInboundDone() && nothingInFlight(), "close_notify from " + first.role, true);
        second.engine.closeOutbound();
        runUntil(() -> allClosed() && nothingInFlight(), "close_notify from " + second.role, true);
        assertFinishedOnce();
    }

    /** Orderly close started by the client. */
    public void close() {
        close(true);
    }

    /** {@code closeOutbound} on both sides at once, then both close_notify alerts delivered. */
    public void closeSimultaneously() {
        client.engine.closeOutbound();
        server.engine.closeOutbound();
        runUntil(() -> allClosed() && nothingInFlight(), "simultaneous close", true);
        assertFinishedOnce();
    }

    /** Runs rounds until {@code goal} holds; fails on a round without progress unless told to stop then. */
    public void runUntil(BooleanSupplier goal, String what, boolean strict) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (strict) {
                failOnException(what);
            }
            if (goal.getAsBoolean()) {
                return;
            }
            if (!round()) {
                if (goal.getAsBoolean()) {
                    return;
                }
                if (strict) {
                    failOnException(what);
                    throw new AssertionError(what + ": no progress; " + state());
                }
                return;
            }
        }
        throw new AssertionError(what + ": not done after " + MAX_ROUNDS + " rounds; " + state());
    }

    /** A one-line description of both engines, for failure messages. */
    public String state() {
        return client.describe() + "; " + server.describe();
    }

    private void begin() {
        try {
            client.engine.beginHandshake();
            server.engine.beginHandshake();
        } catch (SSLException e) {
            throw new AssertionError("beginHandshake failed", e);
        }
    }

    private void failOnException(String what) {
        for (Side s : List.of(client, server)) {
            if (s.failure != null) {
                throw new AssertionError(what + ": " + s.role + " failed; " + state(), s.failure);
            }
        }
    }

    private boolean handshakeComplete() {
        return client.finished > 0 && server.finished > 0 && idle(client) && idle(server) && nothingInFlight();
    }

    private static boolean idle(Side s) {
        return s.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static boolean settled(Side s) {
        return s.failure != null ? s.engine.isOutboundDone() || s.engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP
                : s.finished > 0 && idle(s);
    }

    private boolean allClosed() {
        return client.engine.isInboundDone() && client.engine.isOutboundDone()
                && server.engine.isInboundDone() && server.engine.isOutboundDone();
    }

    private boolean nothingInFlight() {
        return client.netOut.position() == 0 && server.netOut.position() == 0
                && client.netIn.position() == 0 && server.netIn.position() == 0;
    }

    private boolean round() {
        boolean progress = pump(client);
        progress |= transfer(client, server);
        progress |= pump(server);
        progress |= transfer(server, client);
        return progress;
    }

    private boolean pump(Side s) {
        boolean any = false;
        for (int i = 0; i < MAX_STEPS_PER_PUMP; i++) {
            boolean progress = runTasks(s);
            progress |= wrapOnce(s);
            progress |= unwrapOnce(s);
            if (!progress) {
                return any;
            }
            any = true;
        }
        return any;
    }

    private static boolean runTasks(Side s) {
        boolean ran = false;
        while (s.engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            Runnable task = s.engine.getDelegatedTask();
            if (task == null) {
                break;
            }
            task.run();
            s.tasks++;
            ran = true;
        }
        return ran;
    }

    private boolean wrapOnce(Side s) {
        if (s.engine.isOutboundDone()) {
            return false;
        }
        HandshakeStatus hs = s.engine.getHandshakeStatus();
        boolean wanted = hs == HandshakeStatus.NEED_WRAP
                || (s.failure == null && s.appOut.hasRemaining() && hs == HandshakeStatus.NOT_HANDSHAKING);
        if (!wanted) {
            return false;
        }
        SSLEngineResult r;
        try {
            r = s.engine.wrap(s.appOut, s.netOut);
        } catch (SSLException e) {
            s.fail(e);
            return true;
        }
        s.record(r, capturing);
        if (r.getStatus() == Status.BUFFER_OVERFLOW) {
            s.overflows++;
            s.netOut = grow(s.netOut, s.engine.getSession().getPacketBufferSize(), s.role + " wrap");
            return true;
        }
        if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
            throw new AssertionError(s.role + ": wrap reported BUFFER_UNDERFLOW");
        }
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
    }

    private boolean unwrapOnce(Side s) {
        if (s.failure != null || s.engine.isInboundDone() || s.netIn.position() == 0) {
            return false;
        }
        SSLEngineResult r;
        s.netIn.flip();
        try {
            r = s.engine.unwrap(s.netIn, s.appIn);
        } catch (SSLException e) {
            s.fail(e);
            return true;
        } finally {
            s.netIn.compact();
        }
        s.record(r, capturing);
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW:
                s.overflows++;
                s.appIn = grow(s.appIn, s.engine.getSession().getApplicationBufferSize(), s.role + " unwrap");
                return true;
            case BUFFER_UNDERFLOW:
                s.underflows++;
                int need = s.engine.getSession().getPacketBufferSize();
                if (s.netIn.capacity() < need) {
                    s.netIn = withCapacity(s.netIn, need);
                    return true;
                }
                return false;
            default:
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
        }
    }

    private boolean transfer(Side from, Side to) {
        if (from.netOut.position() == 0) {
            return false;
        }
        from.netOut.flip();
        int n = Math.min(from.netOut.remaining(), maxChunk);
        if (to.netIn.remaining() < n) {
            to.netIn = grow(to.netIn, n, "transfer");
        }
        byte[] chunk = new byte[n];
        from.netOut.get(chunk);
        from.netOut.compact();
        to.netIn.put(chunk);
        if (capturing) {
            from.wire.writeBytes(chunk);
        }
        return true;
    }

    /** A copy of {@code b} (in write mode) with at least {@code free} more bytes of room. */
    private static ByteBuffer grow(ByteBuffer b, int free, String where) {
        if (b.remaining() >= free && b.capacity() >= free) {
            throw new AssertionError(where + ": BUFFER_OVERFLOW although " + b.remaining()
                    + " bytes were free (needed " + free + ")");
        }
        return withCapacity(b, Math.max(b.capacity() * 2, b.position() + free));
    }

    /** A copy of {@code b} (in write mode) with the given capacity and the same content. */
    private static ByteBuffer withCapacity(ByteBuffer b, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        b.flip();
        bigger.put(b);
        return bigger;
    }

    private static void check(String direction, ByteBuffer received, int size, int seed) {
        if (received.position() != size) {
            throw new AssertionError(direction + ": received " + received.position() + " bytes, sent " + size);
        }
        int mismatch = TestData.firstMismatch(received.array(), size, seed);
        if (mismatch >= 0) {
            throw new AssertionError(direction + ": data differs at offset " + mismatch);
        }
    }

    /** One engine with its buffers and counters. */
    public static final class Side {
        private final String role;
        private final SSLEngine engine;
        private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        private final List<SSLEngineResult> results = new ArrayList<>();
        private ByteBuffer appOut = ByteBuffer.allocate(0);
        private ByteBuffer appIn;
        private ByteBuffer netOut;
        private ByteBuffer netIn;
        private int finished;
        private int tasks;
        private int underflows;
        private int overflows;
        private SSLException failure;

        private Side(String role, SSLEngine engine) {
            this.role = role;
            this.engine = engine;
            this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }

        public SSLEngine engine() {
            return engine;
        }

        /** Whether this is the reference implementation's engine (for its documented quirks only). */
        public boolean isSunJsse() {
            return engine.getClass().getName().startsWith("sun.security.ssl.");
        }

        /** How often a wrap or unwrap result reported {@code FINISHED}. */
        public int finishedCount() {
            return finished;
        }

        /** Delegated tasks run. */
        public int tasksRun() {
            return tasks;
        }

        public int underflows() {
            return underflows;
        }

        public int overflows() {
            return overflows;
        }

        /** The exception this side's engine threw, or null. */
        public SSLException failure() {
            return failure;
        }

        /** The wrap/unwrap results seen during the handshake, in order. */
        public List<SSLEngineResult> results() {
            return List.copyOf(results);
        }

        private void record(SSLEngineResult r, boolean keep) {
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                finished++;
            }
            if (keep) {
                results.add(r);
            }
        }

        private void fail(SSLException e) {
            if (failure == null) {
                failure = e;
            }
        }

        private String describe() {
            return role + "[" + engine.getHandshakeStatus() + ", finished=" + finished
                    + ", inboundDone=" + engine.isInboundDone() + ", outboundDone=" + engine.isOutboundDone()
                    + ", pendingOut=" + netOut.position() + ", pendingIn=" + netIn.position()
                    + (failure == null ? "" : ", failed: " + failure) + "]";
        }
    }
}
