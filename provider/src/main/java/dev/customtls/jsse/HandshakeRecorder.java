package dev.customtls.jsse;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.session.TlsSession;

import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Records one engine's handshake where the JDK records SunJSSE's: a {@link HandshakeEvent} for JDK Flight Recorder
 * and, like SunJSSE, a line on the {@code System.Logger} {@code jdk.event.security} at {@code DEBUG}
 * ("TLSHandshake: host:port, protocol, suite, certificate id", completed handshakes only). Costs one static check
 * per handshake and no allocation when neither is on. Never throws.
 */
final class HandshakeRecorder {
    /** SunJSSE's security event log (its {@code EventHelper}); levels are read at each check, so one is enough. */
    private static final System.Logger SECURITY_LOG = System.getLogger("jdk.event.security");
    /** Whether the jdk.jfr module is in the image (a jlinked runtime may leave it out). */
    private static final boolean JFR_PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    /** The open event, or null when no recording wants it. */
    private final Object event;
    /** The recorder of handshakes no recording wants (they may still be logged): one for all. */
    private static final HandshakeRecorder LOG_ONLY = new HandshakeRecorder(null);

    private HandshakeRecorder(Object event) {
        this.event = event;
    }

    /** At a handshake's first step: an open event when a recording wants one; a recorder that only logs otherwise. */
    static HandshakeRecorder begin() {
        Object event = JFR_PRESENT ? Jfr.begin() : null;
        return event == null ? LOG_ONLY : new HandshakeRecorder(event);
    }

    /** The handshake completed: commits the event and logs the line. */
    void completed(TlsSession session, boolean client) {
        if (event != null) {
            Jfr.end(event, session, client, certificateId(session.peerCertificates()), null);
        }
        if (SECURITY_LOG.isLoggable(Level.DEBUG)) {
            SECURITY_LOG.log(Level.DEBUG, "TLSHandshake: " + session.peerHost() + ":" + session.peerPort() + ", "
                    + session.protocol().jsseName() + ", " + session.cipherSuite().jsseName() + ", "
                    + certificateId(session.peerCertificates()));
        }
    }

    /** The handshake failed: commits the event with the reason. */
    void failed(TlsSession session, boolean client, String reason) {
        if (event != null) {
            Jfr.end(event, session, client, certificateId(session.peerCertificates()),
                    reason == null ? "failed" : reason);
        }
    }

    /** SunJSSE's id: the unsigned hash code of the peer's end-entity certificate (of its encoding), 0 for none. */
    static long certificateId(List<X509Certificate> peer) {
        return peer == null || peer.isEmpty() ? 0 : Integer.toUnsignedLong(peer.get(0).hashCode());
    }

    /** Everything that names jdk.jfr, loaded only when the module is present. */
    private static final class Jfr {
        static Object begin() {
            if (!jdk.jfr.FlightRecorder.isInitialized()) {
                return null;
            }
            HandshakeEvent e = new HandshakeEvent();
            if (!e.isEnabled()) {
                return null;
            }
            e.begin();
            return e;
        }

        static void end(Object open, TlsSession session, boolean client, long certificateId, String failure) {
            HandshakeEvent e = (HandshakeEvent) open;
            e.end();
            if (!e.shouldCommit()) {
                return;
            }
            e.peerHost = session.peerHost();
            e.peerPort = session.peerPort();
            e.role = client ? "client" : "server";
            e.protocolVersion = session.protocol() == null ? "" : session.protocol().jsseName();
            e.cipherSuite = session.cipherSuite() == null ? "" : session.cipherSuite().jsseName();
            NamedGroup group = session.namedGroup();
            e.namedGroup = group == null ? "" : group.rfcName();
            e.resumed = session.isResumed();
            e.certificateId = certificateId;
            e.failure = failure;
            e.commit();
        }
    }
}
