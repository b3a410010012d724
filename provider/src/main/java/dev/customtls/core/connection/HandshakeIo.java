package dev.customtls.core.connection;

import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.message.HandshakeMessage;

/**
 * How a handshake state machine (TLS 1.3 or 1.2, client or server) sends and receives messages: every
 * message goes into the transcript exactly as it is on the wire, is shown to the listener, and, when sent,
 * is queued on the connection. One instance per handshake.
 */
public final class HandshakeIo {
    /** Where the raw messages (header and body) go: a slice of an array the transcript must not keep. */
    @FunctionalInterface
    public interface Transcript {
        void add(byte[] buf, int off, int len);
    }

    private final TlsConnection conn;
    private final Transcript transcript;

    /** @param transcript where raw messages (header and body) go, e.g. {@code TranscriptHash::add} */
    public HandshakeIo(TlsConnection conn, Transcript transcript) {
        this.conn = conn;
        this.transcript = transcript;
    }

    /**
     * Queues a handshake message (encoded straight into the connection's flight, no intermediate array),
     * adds it to the transcript and tells the listener.
     */
    public void send(HandshakeMessage message) {
        conn.queueHandshake(message, transcript);
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.messageSent(message);
        }
    }

    /** Adds a received (and decoded) message to the transcript and tells the listener. */
    public void received(HandshakeMessage message, HandshakeFrame frame) {
        byte[] raw = frame.raw();
        transcript.add(raw, 0, raw.length);
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.messageReceived(message);
        }
    }

    /**
     * Whether a listener is attached: callers build step descriptions (string concatenation, certificate
     * names) only then, so an unobserved handshake allocates none of them.
     */
    public boolean observed() {
        return conn.listener() != null;
    }

    /** Tells the listener about a step of the handshake, in plain words. */
    public void step(String description) {
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.step(description);
        }
    }

    /** {@code n} bytes from the connection's secure random source. */
    public byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        conn.crypto().secureRandom().nextBytes(b);
        return b;
    }
}
