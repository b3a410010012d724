package dev.customtls.core.connection;

import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.message.HandshakeMessage;

import java.util.function.Consumer;

/**
 * How a handshake state machine (TLS 1.3 or 1.2, client or server) sends and receives messages: every
 * message goes into the transcript exactly as it is on the wire, is shown to the listener, and, when sent,
 * is queued on the connection. One instance per handshake.
 */
public final class HandshakeIo {
    private final TlsConnection conn;
    private final Consumer<byte[]> transcript;

    /** @param transcript where raw messages (header and body) go, e.g. {@code TranscriptHash::add} */
    public HandshakeIo(TlsConnection conn, Consumer<byte[]> transcript) {
        this.conn = conn;
        this.transcript = transcript;
    }

    /** Encodes, adds to the transcript, tells the listener and queues a handshake message. */
    public void send(HandshakeMessage message) {
        byte[] raw = message.encode();
        transcript.accept(raw);
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.messageSent(message);
        }
        conn.queueHandshake(raw);
    }

    /** Adds a received (and decoded) message to the transcript and tells the listener. */
    public void received(HandshakeMessage message, HandshakeFrame frame) {
        transcript.accept(frame.raw());
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.messageReceived(message);
        }
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
