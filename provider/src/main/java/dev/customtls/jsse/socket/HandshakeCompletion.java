package dev.customtls.jsse.socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSession;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns the engine's {@code FINISHED} results into one {@code handshakeCompleted} call per session.
 * The engine also reports {@code FINISHED} after post-handshake messages (NewSessionTicket, KeyUpdate),
 * which keep the session, so only a session not yet announced is announced.
 */
final class HandshakeCompletion {

    /** Set when the engine reported FINISHED and nobody has announced it yet. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private SSLSession announced; // guarded by this

    /** Records that a handshake finished. */
    void finished() {
        pending.set(true);
    }

    /** Records a FINISHED result, if {@code r} is one. */
    void note(SSLEngineResult r) {
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            pending.set(true);
        }
    }

    /** Announces a finished handshake to {@code events}, once per session. Call with no lock held. */
    void deliver(SSLEngine engine, EngineConnection.Events events) {
        if (!pending.getAndSet(false)) {
            return;
        }
        SSLSession session = engine.getSession();
        synchronized (this) {
            if (session == announced) {
                return;
            }
            announced = session;
        }
        events.handshakeCompleted(session);
    }
}
