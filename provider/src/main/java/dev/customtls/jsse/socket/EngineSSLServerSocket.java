package dev.customtls.jsse.socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * An {@link SSLServerSocket} whose accepted sockets are {@link EngineSSLSocket}s. Its settings (suites,
 * protocols, client authentication, SNI matchers, ALPN, cipher suite order, mode, session creation)
 * live in a template engine and are copied onto each accepted socket's engine.
 */
final class EngineSSLServerSocket extends SSLServerSocket {

    private final SslEngineSource source;
    private final SocketConfig config;
    /** Holds the settings; never handshakes. Guarded by {@code this}. */
    private final SSLEngine template;

    /** An unbound server socket. */
    EngineSSLServerSocket(SslEngineSource source, SocketConfig config) throws IOException {
        super();
        this.source = source;
        this.config = config;
        this.template = newTemplate(source);
    }

    /** A server socket bound to {@code port} (0: any) on {@code bindAddress} (null: all). */
    EngineSSLServerSocket(SslEngineSource source, SocketConfig config, int port, int backlog,
            InetAddress bindAddress) throws IOException {
        super(port, backlog, bindAddress);
        this.source = source;
        this.config = config;
        this.template = newTemplate(source);
    }

    private static SSLEngine newTemplate(SslEngineSource source) {
        SSLEngine e = source.createEngine(null, -1);
        e.setUseClientMode(false);
        return e;
    }

    /** Accepts a connection; its handshake runs on first use of the returned socket. */
    @Override
    public Socket accept() throws IOException {
        SSLEngine e = source.createEngine(null, -1);
        synchronized (this) {
            EngineTemplate.copy(template, e, true);
        }
        EngineSSLSocket s = EngineSSLSocket.forAccept(source, config, e);
        try {
            implAccept(s);
            s.accepted();
        } catch (IOException | RuntimeException ex) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Reporting the accept failure.
            }
            throw ex;
        }
        return s;
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return template.getEnabledCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        template.setEnabledCipherSuites(suites);
    }

    @Override
    public synchronized String[] getSupportedCipherSuites() {
        return template.getSupportedCipherSuites();
    }

    @Override
    public synchronized String[] getSupportedProtocols() {
        return template.getSupportedProtocols();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return template.getEnabledProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        template.setEnabledProtocols(protocols);
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        template.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return template.getNeedClientAuth();
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        template.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return template.getWantClientAuth();
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        template.setUseClientMode(mode);
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return template.getUseClientMode();
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        template.setEnableSessionCreation(flag);
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return template.getEnableSessionCreation();
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        return template.getSSLParameters();
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters params) {
        template.setSSLParameters(params);
    }

    @Override
    public String toString() {
        return "[SSL: " + super.toString() + "]";
    }
}
