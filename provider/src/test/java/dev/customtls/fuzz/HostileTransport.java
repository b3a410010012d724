package dev.customtls.fuzz;

import dev.customtls.core.error.TlsAlertException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A transport in miniature that hands hostile peer bytes to an {@link SSLEngine} and checks the one
 * property every fuzz target of an engine shares: the only outcomes are progress (input consumed, or more
 * input needed) or an {@link SSLException} after which the engine has an alert to send (unless it was the
 * peer's alert) and is closed. Any other throwable escapes (a finding); so does an engine that loops
 * without progress, which the iteration bound turns into an {@link AssertionError}.
 */
final class HostileTransport {
    private static final int NET_CAPACITY = 1 << 17;

    private HostileTransport() {
    }

    /** Sends whatever the engine wants to send into {@code sent}; bounded. */
    static void flush(SSLEngine e, ByteArrayOutputStream sent) throws SSLException {
        for (int i = 0; i < 64 && e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
            ByteBuffer out = ByteBuffer.allocate(NET_CAPACITY);
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
            if (sent != null) {
                sent.write(out.array(), 0, out.position());
            }
            if (r.bytesProduced() == 0) {
                return;
            }
        }
    }

    static void runTasks(SSLEngine e) {
        Runnable t;
        for (int i = 0; i < 64 && (t = e.getDelegatedTask()) != null; i++) {
            t.run();
        }
    }

    /**
     * Delivers {@code bytes} record by record (unwrap, tasks, wrap). Returns the exception that ended the
     * connection, or null when all input was consumed or the engine waits for more.
     */
    static SSLException deliver(SSLEngine e, byte[] bytes, ByteArrayOutputStream sent) {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        ByteBuffer app = ByteBuffer.allocate(NET_CAPACITY);
        // Each productive unwrap consumes at least one 5-byte header: this bound is never reached honestly.
        int bound = bytes.length / 5 + 64;
        try {
            for (int i = 0; i < bound; i++) {
                flush(e, sent);
                SSLEngineResult r = e.unwrap(src, app);
                app.clear();
                runTasks(e);
                if (!src.hasRemaining() || r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                        || r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    // The next call surfaces a failure of the last delegated task, as a transport's would.
                    e.unwrap(ByteBuffer.allocate(0), app);
                    flush(e, sent);
                    return null;
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        && e.getHandshakeStatus() != HandshakeStatus.NEED_WRAP
                        && e.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
                    throw new AssertionError("unwrap made no progress: " + r);
                }
            }
        } catch (SSLException ex) {
            return ex;
        }
        throw new AssertionError("no end after " + bound + " steps: " + e.getHandshakeStatus());
    }

    /**
     * The property after {@link #deliver}: a failure we raised names its alert, is not an unexpected
     * runtime exception wrapped as internal_error, queues exactly the alert for the next wrap, and leaves
     * the engine closed in both directions.
     */
    static void assertCleanFailure(SSLEngine e, SSLException thrown) throws SSLException {
        if (thrown == null) {
            return;
        }
        Throwable cause = thrown.getCause();
        if (cause instanceof RuntimeException && !(cause instanceof TlsAlertException)) {
            throw new AssertionError("runtime exception escaped into internal_error: " + cause, cause);
        }
        if (cause instanceof Error) {
            throw new AssertionError("error behind the SSLException: " + cause, cause);
        }
        boolean raised = thrown.getMessage() != null && thrown.getMessage().startsWith("(");
        ByteBuffer out = ByteBuffer.allocate(NET_CAPACITY);
        SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
        if (r.getStatus() != SSLEngineResult.Status.CLOSED) {
            throw new AssertionError("wrap after a fatal error returned " + r);
        }
        if (raised && r.bytesProduced() == 0 && !thrown.getMessage().startsWith("(internal_error)")) {
            throw new AssertionError("no alert sent for " + thrown.getMessage());
        }
        if (!e.isOutboundDone() || !e.isInboundDone()) {
            throw new AssertionError("engine not closed after " + thrown.getMessage());
        }
    }
}
