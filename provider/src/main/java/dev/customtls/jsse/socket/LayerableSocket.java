package dev.customtls.jsse.socket;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * The TCP half of an {@link SSLSocket}: either the socket itself (connected by {@code connect} or by
 * {@code ServerSocket.accept}) or, for a socket layered over an existing one (STARTTLS, proxies), a
 * forwarder of every plain socket operation to that underlying socket. Subclasses see the transport
 * only through the {@code transport*} methods.
 */
abstract class LayerableSocket extends SSLSocket {

    /** The socket this one is layered over; {@code null} when this socket is its own transport. */
    private final Socket layered;
    /** Whether closing this socket closes {@link #layered}. */
    private final boolean autoClose;

    /** A socket that is its own transport, not yet connected. */
    LayerableSocket() {
        this.layered = null;
        this.autoClose = true;
    }

    /** A socket layered over the connected socket {@code layered}. */
    LayerableSocket(Socket layered, boolean autoClose) throws SocketException {
        if (!layered.isConnected()) {
            throw new SocketException("Underlying socket is not connected");
        }
        this.layered = layered;
        this.autoClose = autoClose;
    }

    final boolean isLayered() {
        return layered != null;
    }

    /** Whether operations on this socket may close or shut down the transport. */
    final boolean ownsTransport() {
        return layered == null || autoClose;
    }

    // ---------------------------------------------------------------- transport access for subclasses

    final InputStream transportInput() throws IOException {
        return layered != null ? layered.getInputStream() : super.getInputStream();
    }

    final OutputStream transportOutput() throws IOException {
        return layered != null ? layered.getOutputStream() : super.getOutputStream();
    }

    final void closeTransport() throws IOException {
        if (layered != null) {
            layered.close();
        } else {
            super.close();
        }
    }

    final void shutdownTransportInput() throws IOException {
        if (layered != null) {
            layered.shutdownInput();
        } else {
            super.shutdownInput();
        }
    }

    final void shutdownTransportOutput() throws IOException {
        if (layered != null) {
            layered.shutdownOutput();
        } else {
            super.shutdownOutput();
        }
    }

    final boolean isTransportClosed() {
        return layered != null ? layered.isClosed() : super.isClosed();
    }

    final boolean isTransportInputShutdown() {
        return layered != null ? layered.isInputShutdown() : super.isInputShutdown();
    }

    final boolean isTransportOutputShutdown() {
        return layered != null ? layered.isOutputShutdown() : super.isOutputShutdown();
    }

    final String transportString() {
        return layered != null ? "layered over " + layered : super.toString();
    }

    // ---------------------------------------------------------------- java.net.Socket, forwarded

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (layered != null) {
            throw new SocketException("Already connected");
        }
        super.connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        if (layered != null) {
            throw new SocketException("Already bound");
        }
        super.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
        return layered != null ? layered.getInetAddress() : super.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return layered != null ? layered.getLocalAddress() : super.getLocalAddress();
    }

    @Override
    public int getPort() {
        return layered != null ? layered.getPort() : super.getPort();
    }

    @Override
    public int getLocalPort() {
        return layered != null ? layered.getLocalPort() : super.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return layered != null ? layered.getRemoteSocketAddress() : super.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return layered != null ? layered.getLocalSocketAddress() : super.getLocalSocketAddress();
    }

    /** TLS sockets have no channel. */
    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        if (layered != null) {
            layered.setTcpNoDelay(on);
        } else {
            super.setTcpNoDelay(on);
        }
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return layered != null ? layered.getTcpNoDelay() : super.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        if (layered != null) {
            layered.setSoLinger(on, linger);
        } else {
            super.setSoLinger(on, linger);
        }
    }

    @Override
    public int getSoLinger() throws SocketException {
        return layered != null ? layered.getSoLinger() : super.getSoLinger();
    }

    /** Urgent data would bypass TLS: not supported, as in SunJSSE. */
    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("This method is not supported by SSLSockets");
    }

    /** Urgent data would bypass TLS: not supported, as in SunJSSE. */
    @Override
    public void setOOBInline(boolean on) throws SocketException {
        throw new SocketException("This method is ineffective, since sending urgent data is not supported by SSLSockets");
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return layered != null ? layered.getOOBInline() : super.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (layered != null) {
            layered.setSoTimeout(timeout);
        } else {
            super.setSoTimeout(timeout);
        }
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return layered != null ? layered.getSoTimeout() : super.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        if (layered != null) {
            layered.setSendBufferSize(size);
        } else {
            super.setSendBufferSize(size);
        }
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return layered != null ? layered.getSendBufferSize() : super.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        if (layered != null) {
            layered.setReceiveBufferSize(size);
        } else {
            super.setReceiveBufferSize(size);
        }
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return layered != null ? layered.getReceiveBufferSize() : super.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        if (layered != null) {
            layered.setKeepAlive(on);
        } else {
            super.setKeepAlive(on);
        }
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return layered != null ? layered.getKeepAlive() : super.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        if (layered != null) {
            layered.setTrafficClass(tc);
        } else {
            super.setTrafficClass(tc);
        }
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return layered != null ? layered.getTrafficClass() : super.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        if (layered != null) {
            layered.setReuseAddress(on);
        } else {
            super.setReuseAddress(on);
        }
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return layered != null ? layered.getReuseAddress() : super.getReuseAddress();
    }

    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        if (layered != null) {
            layered.setPerformancePreferences(connectionTime, latency, bandwidth);
        } else {
            super.setPerformancePreferences(connectionTime, latency, bandwidth);
        }
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        if (layered != null) {
            layered.setOption(name, value);
            return this;
        }
        return super.setOption(name, value);
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return layered != null ? layered.getOption(name) : super.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return layered != null ? layered.supportedOptions() : super.supportedOptions();
    }

    @Override
    public boolean isConnected() {
        return layered != null ? layered.isConnected() : super.isConnected();
    }

    @Override
    public boolean isBound() {
        return layered != null ? layered.isBound() : super.isBound();
    }
}
