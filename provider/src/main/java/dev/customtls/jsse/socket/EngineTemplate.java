package dev.customtls.jsse.socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Carries the settings of an engine over to a new engine: the mode, every {@link SSLParameters} field
 * the engine reports (so fields added by later JDKs travel too), session creation and the ALPN selector.
 *
 * <p>An unconnected socket and a server socket keep their settings in a template engine that never
 * handshakes; the engine that does is made from it when the peer is known.
 */
final class EngineTemplate {

    private EngineTemplate() {
    }

    /**
     * Copies {@code from}'s settings onto {@code to}.
     *
     * @param keepServerNames whether to copy the SNI server names too ({@code false}: {@code to} keeps
     *        the names it derived from its peer host)
     */
    static void copy(SSLEngine from, SSLEngine to, boolean keepServerNames) {
        // The mode first: switching mode may reset default suites and protocols.
        to.setUseClientMode(from.getUseClientMode());
        SSLParameters p = from.getSSLParameters();
        if (!keepServerNames) {
            p.setServerNames(null);
        }
        to.setSSLParameters(p);
        to.setEnableSessionCreation(from.getEnableSessionCreation());
        if (from.getHandshakeApplicationProtocolSelector() != null) {
            to.setHandshakeApplicationProtocolSelector(from.getHandshakeApplicationProtocolSelector());
        }
    }
}
