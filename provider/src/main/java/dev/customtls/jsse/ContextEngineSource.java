package dev.customtls.jsse;

import dev.customtls.jsse.socket.SslEngineSource;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

/** Gives the socket layer engines of one {@link CustomSSLContext}: sockets run on our engine. */
final class ContextEngineSource implements SslEngineSource {
    private final CustomSSLContext context;

    ContextEngineSource(CustomSSLContext context) {
        this.context = context;
    }

    @Override
    public SSLEngine createEngine(String peerHost, int peerPort) {
        return context.engineCreateSSLEngine(peerHost, peerPort);
    }

    @Override
    public SSLParameters defaultParameters(boolean clientMode) {
        return context.contextDefaultParameters(clientMode);
    }

    @Override
    public SSLParameters supportedParameters() {
        return context.engineGetSupportedSSLParameters();
    }

    @Override
    public SSLSessionContext clientSessionContext() {
        return context.engineGetClientSessionContext();
    }

    @Override
    public SSLSessionContext serverSessionContext() {
        return context.engineGetServerSessionContext();
    }
}
