/**
 * {@link javax.net.ssl.SSLSocket} and {@link javax.net.ssl.SSLServerSocket} layered on an
 * {@link javax.net.ssl.SSLEngine}: one I/O path (as Conscrypt's engine socket), no second protocol
 * implementation, and no dependence on any engine's internals.
 *
 * <p>An {@code SSLContextSpi} wires this package in by implementing {@link
 * dev.customtls.jsse.socket.SslEngineSource} and returning {@link
 * dev.customtls.jsse.socket.EngineSocketFactory} and {@link
 * dev.customtls.jsse.socket.EngineServerSocketFactory} from its socket factory methods.
 *
 * <p>What the engine must provide: the {@code SSLEngine} contract, in particular that {@code wrap} and
 * {@code unwrap} may run concurrently on two threads (full duplex), that {@code closeOutbound} may be
 * called from a third, and {@code FINISHED} once per completed handshake.
 *
 * <p>Behaviour follows SunJSSE's sockets: implicit handshake on first read or write; a read timeout
 * leaves the socket usable; after the handshake an end of stream without close_notify reads as the end
 * of data (an {@code SSLProtocolException} with {@code com.sun.net.ssl.requireCloseNotify=true}), during
 * it an {@code SSLHandshakeException}; {@code getSession()} returns {@code SSL_NULL_WITH_NULL_NULL} when
 * the handshake fails; {@code shutdownOutput} is a TLS 1.3 half-close; a layered socket with
 * {@code autoClose == false} reads one record at a time and waits for the peer's close_notify on close,
 * so the underlying connection can carry plain data afterwards. Differences: handshake listeners run on
 * the thread that completed the handshake (SunJSSE starts a thread), and trust and key managers see the
 * engine ({@code X509ExtendedTrustManager.checkServerTrusted(chain, authType, SSLEngine)}), not the socket.
 */
package dev.customtls.jsse.socket;
