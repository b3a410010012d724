package dev.customtls.spi.socket;

import dev.customtls.jsse.socket.EngineServerSocketFactory;
import dev.customtls.jsse.socket.EngineSocketFactory;
import dev.customtls.jsse.socket.SslEngineSource;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.SecureRandom;

/**
 * Test-only "provider" {@code EngineSockets}: SunJSSE's engines, with our socket layer
 * ({@link EngineSocketFactory}, {@link EngineServerSocketFactory}) in place of SunJSSE's sockets. It runs
 * the interop tests through our sockets before the {@code Custom} engine exists.
 */
final class EngineSocketsOverSunJsse {

    static final String NAME = "EngineSockets";

    private EngineSocketsOverSunJsse() {
    }

    /** An uninitialized context of this kind. */
    static SSLContext newContext() {
        try {
            SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
            Provider p = new Provider(NAME, "0", "SunJSSE engines under the engine socket layer (tests)") {
                private static final long serialVersionUID = 1L;
            };
            return new SSLContext(new Spi(sun), p, "TLS") {
            };
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Spi extends SSLContextSpi implements SslEngineSource {
        private final SSLContext sun;

        Spi(SSLContext sun) {
            this.sun = sun;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            sun.init(km, tm, sr);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new EngineSocketFactory(this);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new EngineServerSocketFactory(this);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return sun.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return sun.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return sun.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return sun.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return sun.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return sun.getSupportedSSLParameters();
        }

        // SslEngineSource

        @Override
        public SSLEngine createEngine(String peerHost, int peerPort) {
            return peerHost == null ? sun.createSSLEngine() : sun.createSSLEngine(peerHost, peerPort);
        }

        @Override
        public SSLParameters defaultParameters(boolean clientMode) {
            SSLEngine e = sun.createSSLEngine();
            e.setUseClientMode(clientMode);
            return e.getSSLParameters();
        }

        @Override
        public SSLParameters supportedParameters() {
            return sun.getSupportedSSLParameters();
        }

        @Override
        public SSLSessionContext clientSessionContext() {
            return sun.getClientSessionContext();
        }

        @Override
        public SSLSessionContext serverSessionContext() {
            return sun.getServerSessionContext();
        }
    }
}
