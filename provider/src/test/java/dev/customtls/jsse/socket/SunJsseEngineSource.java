package dev.customtls.jsse.socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

/** Test adapter: the socket layer over SunJSSE's engines. */
final class SunJsseEngineSource implements SslEngineSource {

    private final SSLContext context;

    SunJsseEngineSource(SSLContext context) {
        this.context = context;
    }

    @Override
    public SSLEngine createEngine(String peerHost, int peerPort) {
        return peerHost == null ? context.createSSLEngine() : context.createSSLEngine(peerHost, peerPort);
    }

    @Override
    public SSLParameters defaultParameters(boolean clientMode) {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(clientMode);
        return e.getSSLParameters();
    }

    @Override
    public SSLParameters supportedParameters() {
        return context.getSupportedSSLParameters();
    }

    @Override
    public SSLSessionContext clientSessionContext() {
        return context.getClientSessionContext();
    }

    @Override
    public SSLSessionContext serverSessionContext() {
        return context.getServerSessionContext();
    }
}
