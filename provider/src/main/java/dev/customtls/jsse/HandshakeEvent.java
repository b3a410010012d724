package dev.customtls.jsse;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JDK Flight Recorder event per handshake of a {@code Custom} engine, the counterpart of SunJSSE's
 * {@code jdk.TLSHandshake} (same fields, same certificate id) with what SunJSSE leaves out: the handshake's duration
 * (from its first step to its end), the side, the key exchange group, whether the session was resumed, and failed
 * handshakes with their reason. Off unless a recording enables {@value #NAME}; loaded only when the
 * {@code jdk.jfr} module is present (see {@link HandshakeRecorder}).
 */
@Name(HandshakeEvent.NAME)
@Label("TLS Handshake (Custom)")
@Category({"Java Application", "Security", "TLS"})
@Description("A TLS handshake of the Custom provider: its duration, peer, outcome and negotiated parameters")
@StackTrace(false)
final class HandshakeEvent extends jdk.jfr.Event {
    static final String NAME = "dev.customtls.TLSHandshake";

    @Label("Peer Host")
    String peerHost;

    @Label("Peer Port")
    int peerPort;

    @Label("Role")
    @Description("client or server: the side of this engine")
    String role;

    @Label("Protocol Version")
    String protocolVersion;

    @Label("Cipher Suite")
    String cipherSuite;

    @Label("Named Group")
    @Description("The key exchange group, empty for TLS 1.2 RSA key exchange or a TLS 1.2 resumption")
    String namedGroup;

    @Label("Resumed")
    boolean resumed;

    @Label("Certificate Id")
    @Description("Peer certificate id: the unsigned hash code of the peer's end-entity certificate, as jdk.TLSHandshake"
            + " gives it; 0 when the peer sent none")
    long certificateId;

    @Label("Failure")
    @Description("Why the handshake failed (the SSLException's message), or null when it completed")
    String failure;
}
