package dev.customtls.jsse.socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One TLS connection driven by an {@link SSLEngine} over a blocking byte stream: the single I/O path
 * of {@link EngineSSLSocket} (the handshake, application data, post-handshake messages and closure all
 * go through {@link SSLEngine#wrap} and {@link SSLEngine#unwrap} here).
 *
 * <h2>Locks</h2>
 * <ul>
 *   <li>{@code readLock} guards the inbound buffers and every {@code unwrap}; {@code writeLock} guards
 *       the outbound buffer, every {@code wrap} and writes to the transport. Reading and writing run in
 *       parallel (full duplex).</li>
 *   <li>The initial handshake holds {@code handshakeLock}, then {@code readLock}, then
 *       {@code writeLock}. Afterwards no thread waits for {@code writeLock} while holding
 *       {@code readLock}: a reader that makes the engine want to wrap (a KeyUpdate response, a
 *       close_notify reply) only tries the write lock; when a writer holds it, the writer sends that
 *       output before it lets go ({@link #unlockWrite()}). So readers never block on writers.</li>
 *   <li>A writer whose engine waits for the peer's handshake messages (TLS 1.2 renegotiation) takes
 *       {@code readLock} while holding {@code writeLock}; this is safe because readers never block on
 *       {@code writeLock}.</li>
 * </ul>
 * No thread is started and nothing polls: blocking happens only in the transport's read and write.
 *
 * <h2>Timeouts</h2>
 * An {@link InterruptedIOException} (such as {@code SocketTimeoutException}) from the transport leaves
 * the connection usable: bytes of a partly received record stay buffered, a partly done handshake
 * resumes on the next call.
 */
final class EngineConnection {

    /** What the owner of the connection hears about. */
    interface Events {
        /** The handshake finished with {@code session}; called once per session, with no lock held. */
        void handshakeCompleted(SSLSession session);

        /** The connection failed fatally; the owner closes the transport as its policy says. */
        void fatalFailure();
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** No record buffer grows beyond this, whatever the engine asks for. */
    private static final int MAX_BUFFER = 1 << 20;
    /**
     * First size of each buffer: a handshake flight with a typical chain and small records fit, so a connection
     * that only ever moves small messages keeps about 12 KB of buffers instead of three packet-sized ones (the
     * heap an idle socket holds). A buffer grows when a record does not fit, to the packet size at once.
     */
    private static final int INITIAL_BUFFER = 4096;
    /** Records gathered into one transport write when sending bulk data. */
    private static final int RECORDS_PER_WRITE = 4;

    private final SSLEngine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final boolean requireCloseNotify;
    private final boolean recordAtATime;
    private final Events events;

    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Held for a whole {@link #write} call, so one call's records are never interleaved with another's. */
    private final ReentrantLock appWriteLock = new ReentrantLock();
    /** Notified whenever a reader unwrapped a record or let go of the read lock; see {@link #readEpoch}. */
    private final Object readProgress = new Object();
    /** Counts reader progress, for a writer waiting on a handshake that a reader carries. */
    private long readEpoch; // guarded by readProgress
    /** Set when the engine has handshake output that the thread holding the write lock must send. */
    private final AtomicBoolean flushRequested = new AtomicBoolean();
    private final HandshakeCompletion completion = new HandshakeCompletion();

    /** TLS bytes received, not yet unwrapped; write mode. Guarded by readLock. */
    private ByteBuffer netIn;
    /** Plaintext unwrapped, not yet read; read mode. Guarded by readLock. */
    private ByteBuffer appIn;
    /** TLS bytes wrapped, not yet written; write mode. Guarded by writeLock. */
    private ByteBuffer netOut;

    private volatile boolean handshakeStarted;
    private volatile boolean handshakeDone;
    private volatile boolean inboundDone;
    private volatile boolean closeNotifyReceived;
    private volatile IOException failure;
    private volatile int buffered;

    /**
     * @param engine the engine, already in client or server mode; adopted
     * @param rawIn the transport's input (borrowed; never closed here)
     * @param rawOut the transport's output (borrowed; never closed here)
     * @param recordAtATime never read past the end of the current TLS record, so that bytes after
     *        the peer's close_notify stay in the transport (a layered socket that outlives its TLS
     *        session); otherwise read as much as the buffer holds
     */
    EngineConnection(SSLEngine engine, InputStream rawIn, OutputStream rawOut, boolean requireCloseNotify,
            boolean recordAtATime, Events events) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.rawIn = Objects.requireNonNull(rawIn, "rawIn");
        this.rawOut = Objects.requireNonNull(rawOut, "rawOut");
        this.requireCloseNotify = requireCloseNotify;
        this.recordAtATime = recordAtATime;
        this.events = Objects.requireNonNull(events, "events");
        SSLSession s = engine.getSession();
        this.netIn = ByteBuffer.allocate(Math.min(INITIAL_BUFFER, s.getPacketBufferSize()));
        this.appIn = ByteBuffer.allocate(Math.min(INITIAL_BUFFER, s.getApplicationBufferSize())).flip();
        this.netOut = ByteBuffer.allocate(Math.min(INITIAL_BUFFER, s.getPacketBufferSize()));
    }

    SSLEngine engine() {
        return engine;
    }

    boolean isHandshakeStarted() {
        return handshakeStarted;
    }

    boolean isHandshakeDone() {
        return handshakeDone;
    }

    /** Whether no more application data can arrive (close_notify, end of stream, or shut down). */
    boolean isInboundDone() {
        return inboundDone;
    }

    boolean isCloseNotifyReceived() {
        return closeNotifyReceived;
    }

    boolean isBroken() {
        return failure != null;
    }

    /** The capacity of the three buffers together (taken under the read and write locks). */
    int bufferCapacity() {
        readLock.lock();
        try {
            writeLock.lock();
            try {
                return netIn.capacity() + appIn.capacity() + netOut.capacity();
            } finally {
                unlockWrite();
            }
        } finally {
            readLock.unlock();
        }
    }

    /** Plaintext bytes already decrypted and waiting to be read. */
    int available() {
        return buffered;
    }

    // ---------------------------------------------------------------- handshake

    /**
     * Runs the initial handshake to completion if it has not completed yet; the first read or write
     * calls this too. Other threads calling it meanwhile wait for the one that runs it.
     */
    void handshake() throws IOException {
        if (handshakeDone) {
            checkFailure();
            return;
        }
        handshakeLock.lock();
        try {
            if (handshakeDone) {
                return;
            }
            checkFailure();
            if (inboundDone || engine.isOutboundDone()) {
                throw new SocketException("Socket has been closed or broken");
            }
            readLock.lock();
            try {
                writeLock.lock();
                try {
                    if (!handshakeStarted) {
                        handshakeStarted = true;
                        engine.beginHandshake();
                    }
                    driveInitialHandshake();
                    shrinkAfterHandshake();
                    handshakeDone = true;
                    completion.finished();
                } finally {
                    unlockWrite();
                }
            } finally {
                readLock.unlock();
            }
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        } finally {
            handshakeLock.unlock();
        }
        completion.deliver(engine, events);
    }

    /**
     * Starts a new handshake on an established connection (TLS 1.3: a KeyUpdate; TLS 1.2:
     * renegotiation). Like SunJSSE, does not wait for it: reads carry it on.
     */
    void beginPostHandshake() throws IOException {
        checkFailure();
        try {
            engine.beginHandshake();
        } catch (RuntimeException e) {
            throw failed(e);
        }
        requestFlush();
        checkFailure();
    }

    /**
     * A large handshake flight (a long certificate chain) may have grown the buffers; the established connection
     * starts again from small ones, keeping what they hold. All three locks are held.
     */
    private void shrinkAfterHandshake() {
        if (netIn.capacity() > INITIAL_BUFFER && netIn.position() <= INITIAL_BUFFER) {
            netIn = ByteBuffer.allocate(INITIAL_BUFFER).put(netIn.flip());
        }
        if (appIn.capacity() > INITIAL_BUFFER && appIn.remaining() <= INITIAL_BUFFER) {
            appIn = ByteBuffer.allocate(INITIAL_BUFFER).put(appIn).flip();
        }
        if (netOut.capacity() > INITIAL_BUFFER && netOut.position() == 0) {
            netOut = ByteBuffer.allocate(INITIAL_BUFFER);
        }
    }

    /** The loop of the initial handshake; all three locks are held. */
    private void driveInitialHandshake() throws IOException {
        int idle = 0;
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            SSLEngineResult r;
            switch (hs) {
                case NEED_WRAP -> {
                    r = wrapLocked(EMPTY);
                    flushNetOut();
                    if (r.getStatus() == Status.CLOSED && r.bytesProduced() == 0) {
                        throw new SSLHandshakeException("Connection closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    r = unwrapToAppIn();
                    if (r == null) {
                        closeInboundQuietly();
                        throw new SSLHandshakeException("Remote host terminated the handshake");
                    }
                    if (r.getStatus() == Status.CLOSED) {
                        inboundDone = true;
                        throw new SSLHandshakeException("Remote host closed the connection during the handshake");
                    }
                }
                case NEED_TASK -> {
                    runDelegatedTasks();
                    continue;
                }
                default -> {
                    return; // NOT_HANDSHAKING (FINISHED is never a getHandshakeStatus() value)
                }
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && r.getHandshakeStatus() == hs) {
                if (++idle > 8) {
                    throw new SSLHandshakeException("Engine made no progress in handshake state " + hs);
                }
            } else {
                idle = 0;
            }
        }
    }

    // ---------------------------------------------------------------- application data

    /** Reads decrypted application data; -1 once the peer closed. Runs the handshake first if needed. */
    int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (inboundDone && buffered == 0) {
            checkFailure();
            return -1;
        }
        handshake();
        int n;
        readLock.lock();
        try {
            n = readLocked(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        } finally {
            unlockRead();
        }
        completion.deliver(engine, events);
        return n;
    }

    private int readLocked(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (appIn.hasRemaining()) {
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                buffered = appIn.remaining();
                return n;
            }
            if (inboundDone) {
                return -1;
            }
            checkFailure();
            // Records are opened into appIn, never into the caller's array: the engine may use the whole room
            // it is given (a TLS 1.3 record's type byte and padding), and InputStream.read must leave
            // b[off + n, off + len) as it was. With appIn a heap buffer the engine opens the record straight
            // into it, so the plaintext is copied once, here.
            SSLEngineResult r = unwrapToAppIn();
            if (r == null) {
                onEndOfStream();
            } else {
                afterUnwrap(r);
            }
        }
    }

    /** Encrypts and sends {@code len} bytes. Runs the handshake first if needed. */
    void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        handshake();
        appWriteLock.lock();
        try {
            writeLock.lock();
            try {
                checkFailure();
                if (engine.isOutboundDone()) {
                    throw new SocketException("Connection or outbound has closed");
                }
                try {
                    writeLocked(ByteBuffer.wrap(b, off, len));
                } catch (IOException | RuntimeException e) {
                    throw failed(e);
                }
            } finally {
                unlockWrite();
            }
        } finally {
            appWriteLock.unlock();
        }
        completion.deliver(engine, events);
    }

    private void writeLocked(ByteBuffer src) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (src.remaining() > 2 * packet && netOut.capacity() < RECORDS_PER_WRITE * packet) {
            // Bulk data: gather several records per transport write. Small writers keep a small buffer.
            netOut = ByteBuffer.allocate(RECORDS_PER_WRITE * packet).put(netOut.flip());
        }
        int idle = 0;
        while (src.hasRemaining()) {
            SSLEngineResult r = wrapLocked(src);
            noteFinished(r);
            if (r.getStatus() == Status.CLOSED) {
                throw new SocketException("Connection or outbound has closed");
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                flushNetOut();
                boolean progress = awaitHandshakeProgress(r.getHandshakeStatus());
                idle = progress ? 0 : idle + 1;
                if (idle > 8) {
                    throw new SSLException("Engine made no progress writing, state " + r.getHandshakeStatus());
                }
            } else {
                idle = 0;
                if (netOut.remaining() < packet) {
                    flushNetOut();
                }
            }
        }
        flushNetOut();
    }

    /**
     * A writer's engine is busy with a handshake: help it along. The write lock is held.
     *
     * @return whether anything moved (a task ran or a record was read)
     */
    private boolean awaitHandshakeProgress(HandshakeStatus hs) throws IOException {
        switch (hs) {
            case NEED_TASK -> {
                runDelegatedTasks();
                return true;
            }
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                // Let go of the write lock (a reader may need it to answer the peer), then either read
                // ourselves or wait for the reader that holds the read lock to move the handshake on.
                unlockWrite();
                try {
                    awaitPeerHandshake();
                } finally {
                    writeLock.lock();
                }
                return true;
            }
            default -> {
                // NEED_WRAP: the next wrap sends it; NOT_HANDSHAKING: retry, bounded by the caller.
                return false;
            }
        }
    }

    /**
     * Waits, holding neither the read nor the write lock, until the engine no longer waits for the
     * peer: reads a record itself when no reader is active, otherwise waits for the reader's progress.
     */
    private void awaitPeerHandshake() throws IOException {
        while (needsUnwrap()) {
            long seen;
            synchronized (readProgress) {
                seen = readEpoch;
            }
            if (readLock.tryLock()) {
                try {
                    if (inboundDone) {
                        throw new SSLException("Connection closed while a handshake was in progress");
                    }
                    if (needsUnwrap()) {
                        SSLEngineResult r = unwrapToAppIn();
                        if (r == null) {
                            onEndOfStream();
                        } else {
                            afterUnwrap(r);
                        }
                    }
                } finally {
                    unlockRead();
                }
                return;
            }
            synchronized (readProgress) {
                while (readEpoch == seen && needsUnwrap()) {
                    try {
                        readProgress.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted waiting for the handshake");
                    }
                }
            }
        }
    }

    private boolean needsUnwrap() {
        HandshakeStatus hs = engine.getHandshakeStatus();
        return hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN;
    }

    /** Releases the read lock and wakes a writer waiting for handshake progress. */
    private void unlockRead() {
        readLock.unlock();
        synchronized (readProgress) {
            readEpoch++;
            readProgress.notifyAll();
        }
    }

    // ---------------------------------------------------------------- closure

    /**
     * Sends close_notify (when a handshake has started). Waits for a busy writer at most
     * {@code lingerSeconds} (negative: as long as it takes); while the initial handshake is running in
     * another thread it does not wait at all (closing the socket then aborts that handshake).
     *
     * @return whether close_notify was sent
     */
    boolean closeOutbound(int lingerSeconds) throws IOException {
        engine.closeOutbound();
        if (!handshakeStarted) {
            return false;
        }
        boolean locked = writeLock.tryLock();
        if (!locked && handshakeDone) {
            if (lingerSeconds < 0) {
                writeLock.lock();
                locked = true;
            } else {
                try {
                    locked = writeLock.tryLock(lingerSeconds, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (!locked) {
            return false;
        }
        try {
            int guard = 0;
            while (!engine.isOutboundDone() && guard++ < 16) {
                SSLEngineResult r = wrapLocked(EMPTY);
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flushNetOut();
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** No more input: closes the engine's inbound side (a missing close_notify is not reported here). */
    void closeInbound() {
        inboundDone = true;
        closeInboundQuietly();
    }

    /**
     * Reads and discards records until the peer's close_notify or the end of the stream (bounded by
     * the transport's read timeout), leaving a layered transport clean for further use.
     */
    void awaitCloseNotify() throws IOException {
        readLock.lock();
        try {
            while (!inboundDone && failure == null) {
                SSLEngineResult r = unwrapToAppIn();
                appIn.position(appIn.limit());
                buffered = 0;
                if (r == null) {
                    inboundDone = true;
                } else {
                    afterUnwrap(r);
                }
            }
        } finally {
            unlockRead();
        }
    }

    // ---------------------------------------------------------------- engine steps

    /**
     * Unwraps one record into {@code dst} (write mode), reading from the transport as long as the
     * engine needs more bytes. Never returns {@code BUFFER_UNDERFLOW}; may return
     * {@code BUFFER_OVERFLOW}. Returns {@code null} at the end of the stream. Read lock held.
     */
    private SSLEngineResult unwrapRecord(ByteBuffer dst) throws IOException {
        while (true) {
            SSLEngineResult r;
            netIn.flip();
            try {
                r = engine.unwrap(netIn, dst);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (!fill()) {
                        return null;
                    }
                }
                case OK -> {
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && r.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                        // Some engines report a short input as OK with nothing consumed: read more.
                        if (!fill()) {
                            return null;
                        }
                    } else {
                        return r;
                    }
                }
                default -> {
                    return r;
                }
            }
        }
    }

    /** Unwraps one record into the plaintext buffer, growing it on overflow. Read lock held. */
    private SSLEngineResult unwrapToAppIn() throws IOException {
        while (true) {
            SSLEngineResult r;
            appIn.compact();
            try {
                r = unwrapRecord(appIn);
            } finally {
                appIn.flip();
                buffered = appIn.remaining();
            }
            if (r == null || r.getStatus() != Status.BUFFER_OVERFLOW) {
                return r;
            }
            int need = engine.getSession().getApplicationBufferSize() + appIn.remaining();
            ByteBuffer bigger = ByteBuffer.allocate(grownCapacity(appIn.capacity(), need));
            bigger.put(appIn).flip();
            appIn = bigger;
        }
    }

    /**
     * Reads more TLS bytes from the transport into {@link #netIn}; false at the end of the stream. The engine
     * asked for more, so a full buffer holds only part of a record: it grows to the packet size (and beyond
     * only if an engine asks for bigger packets), never past {@link #MAX_BUFFER}.
     */
    private boolean fill() throws IOException {
        if (!netIn.hasRemaining()) {
            int need = Math.max(engine.getSession().getPacketBufferSize(), netIn.position() + 1);
            if (netIn.capacity() >= MAX_BUFFER) {
                throw new SSLProtocolException("Record larger than " + MAX_BUFFER + " bytes");
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(grownCapacity(netIn.capacity(), need), MAX_BUFFER));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        int want = recordAtATime ? Math.min(netIn.remaining(), bytesToRecordEnd()) : netIn.remaining();
        int n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), want);
        if (n < 0) {
            return false;
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    /**
     * How many bytes complete the record at the start of {@link #netIn}: the rest of the 5-byte header
     * (RFC 8446, section 5.1: type, legacy version, 16-bit length), then the rest of the fragment.
     */
    private int bytesToRecordEnd() {
        int have = netIn.position();
        if (have < 5) {
            return 5 - have;
        }
        int length = ((netIn.get(3) & 0xff) << 8) | (netIn.get(4) & 0xff);
        return Math.max(1, 5 + length - have);
    }

    /** What an unwrap after the handshake implies: closure, delegated tasks, output to send. */
    private void afterUnwrap(SSLEngineResult r) throws IOException {
        if (r.getStatus() == Status.CLOSED) {
            inboundDone = true;
            closeNotifyReceived = true;
        }
        noteFinished(r);
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            runDelegatedTasks();
            hs = engine.getHandshakeStatus();
        }
        if (hs == HandshakeStatus.NEED_WRAP) {
            requestFlush();
        }
        if (hs != HandshakeStatus.NOT_HANDSHAKING || r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            synchronized (readProgress) {
                readEpoch++;
                readProgress.notifyAll();
            }
        }
    }

    /**
     * The end of the stream arrived instead of a record. During the handshake that is a failure; after
     * it, SunJSSE treats it as close_notify unless {@code com.sun.net.ssl.requireCloseNotify} is set.
     */
    private void onEndOfStream() throws IOException {
        if (!handshakeDone) {
            closeInboundQuietly();
            throw new SSLHandshakeException("Remote host terminated the handshake");
        }
        if (requireCloseNotify) {
            throw new SSLProtocolException("Remote host terminated the connection");
        }
        inboundDone = true;
        closeInboundQuietly();
    }

    /** Wraps into {@link #netOut}, sending it when full. Write lock held. */
    private SSLEngineResult wrapLocked(ByteBuffer src) throws IOException {
        while (true) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() != Status.BUFFER_OVERFLOW) {
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
                return r;
            }
            if (netOut.position() > 0) {
                flushNetOut();
            } else {
                int need = engine.getSession().getPacketBufferSize();
                if (netOut.capacity() >= MAX_BUFFER) {
                    throw new SSLException("Engine asks for an output buffer larger than " + MAX_BUFFER);
                }
                netOut = ByteBuffer.allocate(grownCapacity(netOut.capacity(), need));
            }
        }
    }

    /** Writes {@link #netOut} to the transport. Write lock held. */
    private void flushNetOut() throws IOException {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        try {
            rawOut.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            rawOut.flush();
        } finally {
            netOut.clear();
        }
    }

    /** Sends handshake output the engine produced after an unwrap. Write lock held. */
    private void flushHandshakeOutputLocked() throws IOException {
        int guard = 0;
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && guard++ < 64) {
            SSLEngineResult r = wrapLocked(EMPTY);
            noteFinished(r);
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        flushNetOut();
    }

    /** Asks for the engine's handshake output to be sent, by this thread or by the current writer. */
    private void requestFlush() {
        flushRequested.set(true);
        if (writeLock.tryLock()) {
            unlockWrite();
        }
    }

    /**
     * Releases the write lock, first sending any handshake output a reader asked for while this thread
     * held it. After releasing, looks again: a request that arrived just before the release cannot be
     * lost, since its requester's {@code tryLock} failed before this release.
     */
    private void unlockWrite() {
        while (true) {
            if (writeLock.getHoldCount() == 1 && flushRequested.getAndSet(false)) {
                try {
                    flushHandshakeOutputLocked();
                } catch (IOException | RuntimeException e) {
                    recordFailure(e);
                }
            }
            writeLock.unlock();
            if (writeLock.isHeldByCurrentThread() || !flushRequested.get() || !writeLock.tryLock()) {
                return;
            }
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void noteFinished(SSLEngineResult r) {
        if (handshakeDone) {
            completion.note(r);
        }
    }

    // ---------------------------------------------------------------- failure

    private void checkFailure() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new SocketException("Connection has been closed or broken: " + f);
        }
    }

    private void recordFailure(Throwable e) {
        if (failure == null) {
            failure = e instanceof IOException io ? io : new SSLException(String.valueOf(e), e);
        }
    }

    /**
     * Classifies an exception: a timeout or interrupt leaves the connection usable; anything else is
     * fatal: the engine's alert is sent if it can be at once, the engine is closed, and the owner
     * closes the transport.
     */
    private IOException failed(Throwable e) {
        if (e instanceof InterruptedIOException iio) {
            return iio;
        }
        IOException io = e instanceof IOException x ? x : new SSLException("Internal error: " + e, e);
        recordFailure(io);
        sendPendingAlert();
        engine.closeOutbound();
        closeInboundQuietly();
        inboundDone = true;
        events.fatalFailure();
        return io;
    }

    /** Sends the alert the engine queued on failure, if the write lock is free right now. */
    private void sendPendingAlert() {
        if (!handshakeStarted || !writeLock.tryLock()) {
            return;
        }
        try {
            netOut.clear();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                SSLEngineResult r = engine.wrap(EMPTY, netOut);
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
            flushNetOut();
        } catch (IOException | RuntimeException ignored) {
            // The connection is failing anyway; the alert is best effort.
        } finally {
            writeLock.unlock();
        }
    }

    private void closeInboundQuietly() {
        try {
            engine.closeInbound();
        } catch (SSLException ignored) {
            // "inbound closed before receiving close_notify": reported by the caller when it matters.
        }
    }

    private static int grownCapacity(int current, int needed) {
        long doubled = Math.max((long) current * 2, needed);
        return (int) Math.min(Math.max(doubled, needed), Integer.MAX_VALUE - 16);
    }
}
