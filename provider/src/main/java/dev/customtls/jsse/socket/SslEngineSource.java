package dev.customtls.jsse.socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

/**
 * What the socket layer needs from an {@code SSLContext} implementation: engines, and the parameters
 * the socket factories report. The socket layer uses nothing but the public {@link SSLEngine} API, so
 * any engine (ours, SunJSSE's) can carry it.
 */
public interface SslEngineSource {

    /**
     * A new engine for a connection to {@code peerHost:peerPort} (either may be unknown: {@code null},
     * {@code -1}); not yet put in client or server mode.
     */
    SSLEngine createEngine(String peerHost, int peerPort);

    /** The default parameters for a client ({@code true}) or server engine; a fresh copy each time. */
    SSLParameters defaultParameters(boolean clientMode);

    /** The supported cipher suites and protocols; a fresh copy each time. */
    SSLParameters supportedParameters();

    /** The client-side session context (may be used by nobody). */
    SSLSessionContext clientSessionContext();

    /** The server-side session context (may be used by nobody). */
    SSLSessionContext serverSessionContext();
}
