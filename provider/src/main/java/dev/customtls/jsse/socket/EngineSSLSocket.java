package dev.customtls.jsse.socket;

import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * An {@link SSLSocket} whose TLS is done by an {@link SSLEngine} (any engine: only the public API is
 * used), through one {@link EngineConnection}.
 *
 * <p>Until the socket is connected, its settings live in a template engine; connecting makes the real
 * engine for the peer's host and port (for SNI and session resumption) and copies the settings over.
 *
 * <p>{@link HandshakeCompletedListener}s are called once per handshake, on the thread that completed
 * it (the one in {@code startHandshake}, {@code getSession}, {@code read} or {@code write}), with no
 * lock held; SunJSSE uses a separate thread instead. A listener's runtime exception is ignored.
 */
final class EngineSSLSocket extends LayerableSocket
        implements dev.customtls.jsse.HandshakeObservable, dev.customtls.jsse.EarlyDataEngine {

    private final SslEngineSource source;
    private final SocketConfig config;
    /** Bytes already read from a layered transport, replayed before it (server STARTTLS); or null. */
    private final InputStream consumed;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private final Object stateLock = new Object();
    private final InputStream appInput = new AppInput();
    private final OutputStream appOutput = new AppOutput();

    /** The engine: a settings template until {@link #connection} exists. Guarded by stateLock. */
    private SSLEngine engine;
    /** Whether {@link #engine} already knows its peer (no replacement needed on connect). */
    private boolean engineHasPeer;
    /** Whether the application set SNI server names, which a replacement engine must keep. */
    private boolean serverNamesSet;
    private BiFunction<SSLSocket, List<String>, String> protocolSelector;
    private volatile EngineConnection connection;
    /** Handshake observer forwarded to the engine (also to an engine replaced on connect). Guarded by stateLock. */
    private dev.customtls.core.handshake.HandshakeListener handshakeListener;
    /** Set once {@link #close()} begins (guards against a second close). */
    private boolean closing; // guarded by stateLock
    /**
     * Set once the socket is closed. {@code java.net.Socket}'s own methods call {@link #isClosed()},
     * {@link #isInputShutdown()} and {@link #isOutputShutdown()} on this object, so these flags are set
     * only after the transport operation they describe is done.
     */
    private volatile boolean closed;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;

    private EngineSSLSocket(SslEngineSource source, SocketConfig config, SSLEngine engine, boolean engineHasPeer) {
        this.source = source;
        this.config = config;
        this.consumed = null;
        this.engine = engine;
        this.engineHasPeer = engineHasPeer;
    }

    private EngineSSLSocket(SslEngineSource source, SocketConfig config, SSLEngine engine, Socket layered,
            InputStream consumed, boolean autoClose) throws IOException {
        super(layered, autoClose);
        this.source = source;
        this.config = config;
        this.consumed = consumed;
        this.engine = engine;
        this.engineHasPeer = true;
        startConnection();
    }

    /** An unconnected client socket; {@link #connect} picks the engine for the peer. */
    static EngineSSLSocket unconnected(SslEngineSource source, SocketConfig config) {
        SSLEngine e = source.createEngine(null, -1);
        e.setUseClientMode(true);
        return new EngineSSLSocket(source, config, e, false);
    }

    /** An unconnected client socket for {@code host:port}; the caller connects it. */
    static EngineSSLSocket forPeer(SslEngineSource source, SocketConfig config, String host, int port) {
        SSLEngine e = source.createEngine(host, port);
        e.setUseClientMode(true);
        return new EngineSSLSocket(source, config, e, true);
    }

    /** A socket for {@code ServerSocket.implAccept}, with its engine configured by the server socket. */
    static EngineSSLSocket forAccept(SslEngineSource source, SocketConfig config, SSLEngine configured) {
        return new EngineSSLSocket(source, config, configured, true);
    }

    /** A client socket layered over the connected {@code s}, talking to {@code host:port}. */
    static EngineSSLSocket layered(SslEngineSource source, SocketConfig config, Socket s, String host, int port,
            boolean autoClose) throws IOException {
        SSLEngine e = source.createEngine(host, port);
        e.setUseClientMode(true);
        return new EngineSSLSocket(source, config, e, s, null, autoClose);
    }

    /** A server socket layered over the connected {@code s}, replaying {@code consumed} first. */
    static EngineSSLSocket layeredServer(SslEngineSource source, SocketConfig config, Socket s, InputStream consumed,
            boolean autoClose) throws IOException {
        String host = s.getInetAddress() == null ? null : s.getInetAddress().getHostAddress();
        SSLEngine e = source.createEngine(host, s.getPort());
        e.setUseClientMode(false);
        return new EngineSSLSocket(source, config, e, s, consumed, autoClose);
    }

    // ---------------------------------------------------------------- connection set-up

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(endpoint, timeout);
        InetSocketAddress peer = (InetSocketAddress) endpoint;
        synchronized (stateLock) {
            if (!engineHasPeer) {
                SSLEngine real = source.createEngine(peer.getHostString(), peer.getPort());
                EngineTemplate.copy(engine, real, serverNamesSet);
                engine = real;
                engineHasPeer = true;
                if (handshakeListener != null && real instanceof dev.customtls.jsse.HandshakeObservable) {
                    ((dev.customtls.jsse.HandshakeObservable) real).setHandshakeListener(handshakeListener);
                }
            }
        }
        startConnection();
    }

    /**
     * Called by the server socket once {@code implAccept} connected this socket: the engine that handshakes is
     * made for the client's address and port (what its session reports as the peer, as SunJSSE's does), with the
     * settings the server socket gave the first one.
     */
    void accepted() throws IOException {
        synchronized (stateLock) {
            java.net.InetAddress client = getInetAddress();
            if (client != null) {
                SSLEngine real = source.createEngine(client.getHostAddress(), getPort());
                EngineTemplate.copy(engine, real, true);
                engine = real;
            }
        }
        startConnection();
    }

    private void startConnection() throws IOException {
        InputStream in = transportInput();
        if (consumed != null) {
            in = new SequenceInputStream(consumed, in);
        }
        SSLEngine e;
        synchronized (stateLock) {
            e = engine;
        }
        connection = new EngineConnection(e, in, transportOutput(), config.requireCloseNotify(), !ownsTransport(),
                new Events());
    }

    private SSLEngine engine() {
        synchronized (stateLock) {
            return engine;
        }
    }

    /** Forwards to the engine when it can be observed (our own engines); otherwise a no-op. */
    @Override
    public void setHandshakeListener(dev.customtls.core.handshake.HandshakeListener listener) {
        synchronized (stateLock) {
            handshakeListener = listener;
            if (engine instanceof dev.customtls.jsse.HandshakeObservable) {
                ((dev.customtls.jsse.HandshakeObservable) engine).setHandshakeListener(listener);
            }
        }
    }

    private EngineConnection connectionForIo() throws SocketException {
        EngineConnection c = connection;
        if (c == null) {
            throw new SocketException("Socket is not connected");
        }
        return c;
    }

    private final class Events implements EngineConnection.Events {
        @Override
        public void handshakeCompleted(SSLSession session) {
            if (listeners.isEmpty()) {
                return;
            }
            HandshakeCompletedEvent event = new HandshakeCompletedEvent(EngineSSLSocket.this, session);
            for (HandshakeCompletedListener l : listeners) {
                try {
                    l.handshakeCompleted(event);
                } catch (RuntimeException ignored) {
                    // A listener's failure must not break the connection.
                }
            }
        }

        @Override
        public void fatalFailure() {
            if (ownsTransport()) {
                try {
                    closeTransport();
                } catch (IOException ignored) {
                    // Already failing.
                }
            }
            closed = true;
        }
    }

    /** Bytes of buffers the connection holds (0 before it exists): for tests of what an idle socket keeps. */
    int bufferCapacity() {
        EngineConnection c = connection;
        return c == null ? 0 : c.bufferCapacity();
    }

    // ---------------------------------------------------------------- handshake and session

    @Override
    public void startHandshake() throws IOException {
        EngineConnection c = connectionForIo();
        if (closed || c.isBroken() || c.isInboundDone() || c.engine().isOutboundDone()) {
            throw new SocketException("Socket has been closed or broken");
        }
        if (c.isHandshakeDone()) {
            c.beginPostHandshake();
        } else {
            c.handshake();
        }
    }

    /** Completes the handshake if needed; on failure returns the null session, as SunJSSE does. */
    @Override
    public SSLSession getSession() {
        EngineConnection c = connection;
        if (c == null) {
            return nullSession();
        }
        try {
            c.handshake();
        } catch (IOException e) {
            return nullSession();
        }
        return c.engine().getSession();
    }

    private SSLSession nullSession() {
        SSLSession s = engine().getSession();
        return new NullSession(s.getPacketBufferSize(), s.getApplicationBufferSize());
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine().getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("no such listener");
        }
    }

    // ---------------------------------------------------------------- settings, delegated to the engine

    @Override
    public String[] getSupportedCipherSuites() {
        return engine().getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine().getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine().setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine().getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine().getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine().setEnabledProtocols(protocols);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine().setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine().getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine().setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine().getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine().setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine().getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine().setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine().getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine().getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        synchronized (stateLock) {
            engine.setSSLParameters(params);
            if (params.getServerNames() != null) {
                serverNamesSet = true;
            }
        }
    }

    @Override
    public String getApplicationProtocol() {
        return engine().getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine().getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        synchronized (stateLock) {
            protocolSelector = selector;
            engine.setHandshakeApplicationProtocolSelector(
                    selector == null ? null : (e, offered) -> selector.apply(this, offered));
        }
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        synchronized (stateLock) {
            return protocolSelector;
        }
    }

    // ---------------------------------------------------------------- streams and closure

    @Override
    public InputStream getInputStream() throws IOException {
        checkOpen();
        if (isInputShutdown()) {
            throw new SocketException("Socket input is already shutdown");
        }
        return appInput;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkOpen();
        if (isOutputShutdown()) {
            throw new SocketException("Socket output is already shutdown");
        }
        return appOutput;
    }

    private void checkOpen() throws SocketException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (connection == null) {
            throw new SocketException("Socket is not connected");
        }
    }

    /**
     * Sends close_notify (waiting for a busy writer at most SO_LINGER seconds when set) and closes the
     * transport, unless layered with {@code autoClose == false}: then it waits for the peer's
     * close_notify (bounded by the read timeout) so the underlying socket can carry on, as SunJSSE does.
     */
    @Override
    public void close() throws IOException {
        synchronized (stateLock) {
            if (closing || closed) {
                return;
            }
            closing = true;
        }
        EngineConnection c = connection;
        try {
            if (c != null && !c.isBroken()) {
                int linger = -1;
                try {
                    linger = getSoLinger();
                } catch (SocketException ignored) {
                    // Transport already closed.
                }
                try {
                    c.closeOutbound(linger);
                    if (!ownsTransport() && c.isHandshakeDone() && !c.isInboundDone()) {
                        c.awaitCloseNotify();
                    }
                } catch (IOException ignored) {
                    // Closing anyway.
                } finally {
                    c.closeInbound();
                }
            } else {
                engine().closeOutbound();
            }
        } finally {
            try {
                if (ownsTransport()) {
                    closeTransport();
                }
            } finally {
                closed = true;
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed || (ownsTransport() && isTransportClosed());
    }

    /** Sends close_notify and half-closes the transport; reading goes on (TLS 1.3 half-close). */
    @Override
    public void shutdownOutput() throws IOException {
        if (isOutputShutdown()) {
            return;
        }
        EngineConnection c = connectionForIo();
        c.closeOutbound(-1);
        if (ownsTransport() && !isTransportOutputShutdown()) {
            shutdownTransportOutput();
        }
        outputShutdown = true;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown || (ownsTransport() && isTransportOutputShutdown());
    }

    /**
     * Closes the input side. As in SunJSSE, when a handshake has started and the peer's close_notify has
     * not arrived, it then throws {@code SSLException} (possible truncation).
     */
    @Override
    public void shutdownInput() throws IOException {
        if (isInputShutdown()) {
            return;
        }
        EngineConnection c = connectionForIo();
        boolean truncated = c.isHandshakeStarted() && !c.isCloseNotifyReceived();
        if (ownsTransport() && !isTransportInputShutdown()) {
            shutdownTransportInput();
        }
        c.closeInbound();
        inputShutdown = true;
        if (truncated) {
            throw new SSLException("closing inbound before receiving peer's close_notify");
        }
    }

    /**
     * True after {@link #shutdownInput()}, and once the peer's close_notify or the end of the stream arrived.
     * (SunJSSE reports the latter only when the transport's own input is shut down too; saying it as soon as the
     * peer closed lets a connection pool that asks drop the connection instead of reading from it.)
     */
    @Override
    public boolean isInputShutdown() {
        EngineConnection c = connection;
        return inputShutdown || (c != null && c.isInboundDone()) || (ownsTransport() && isTransportInputShutdown());
    }

    @Override
    public String toString() {
        return "EngineSSLSocket[" + transportString() + "]";
    }

    /** The application's view of the decrypted input. */
    private final class AppInput extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            synchronized (one) {
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xff;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            EngineConnection c = connectionForIo();
            if (inputShutdown) {
                return -1;
            }
            return c.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            EngineConnection c = connection;
            return c == null ? 0 : c.available();
        }

        /** Closes the socket, as a plain socket's stream does. */
        @Override
        public void close() throws IOException {
            EngineSSLSocket.this.close();
        }
    }

    /** The application's view of the output: each write is encrypted and sent at once. */
    private final class AppOutput extends OutputStream {
        private final byte[] one = new byte[1];

        @Override
        public void write(int b) throws IOException {
            synchronized (one) {
                one[0] = (byte) b;
                write(one, 0, 1);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            EngineConnection c = connectionForIo();
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            c.write(b, off, len);
        }

        /** Closes the socket, as a plain socket's stream does. */
        @Override
        public void close() throws IOException {
            EngineSSLSocket.this.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 0-RTT (EarlyDataEngine), delegated to the engine when it supports it (the Custom engine does).

    private dev.customtls.jsse.EarlyDataEngine earlyDataEngine() {
        SSLEngine e = engine();
        if (e instanceof dev.customtls.jsse.EarlyDataEngine ede) {
            return ede;
        }
        throw new UnsupportedOperationException("the engine of this socket does not support early data");
    }

    /** Client: call after the socket is connected and before the handshake starts. */
    @Override
    public void setEarlyData(java.nio.ByteBuffer data) {
        earlyDataEngine().setEarlyData(data);
    }

    @Override
    public void setResendRejectedEarlyData(boolean resend) {
        earlyDataEngine().setResendRejectedEarlyData(resend);
    }

    @Override
    public void setEarlyDataEnabled(int maxEarlyDataSize) {
        earlyDataEngine().setEarlyDataEnabled(maxEarlyDataSize);
    }

    @Override
    public EarlyDataStatus earlyDataStatus() {
        SSLEngine e = engine();
        return e instanceof dev.customtls.jsse.EarlyDataEngine ede ? ede.earlyDataStatus() : EarlyDataStatus.NOT_ATTEMPTED;
    }

    @Override
    public java.nio.ByteBuffer readEarlyData() {
        SSLEngine e = engine();
        return e instanceof dev.customtls.jsse.EarlyDataEngine ede ? ede.readEarlyData() : java.nio.ByteBuffer.allocate(0);
    }
}
