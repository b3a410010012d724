package dev.customtls.jsse;

import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.session.Tls12SessionCache;
import dev.customtls.core.session.Tls12SessionState;
import dev.customtls.core.session.Tls12SessionStore;
import dev.customtls.core.session.Tls12TicketSealer;

import java.nio.ByteBuffer;

/**
 * TLS 1.2 resumption state of one {@code SSLContext}: the client's sessions per peer, the server's by id
 * (both bounded by the size and timeout of the matching {@link CustomSessionContext}), and the server's
 * ticket keys.
 */
final class ContextTls12Store implements Tls12SessionStore {
    private final CustomSessionContext client;
    private final CustomSessionContext server;
    private final Tls12SessionCache<String> byPeer;
    private final Tls12SessionCache<ByteBuffer> byId;
    private volatile TlsCrypto crypto;
    private volatile boolean ticketsEnabled;

    ContextTls12Store(CustomSessionContext client, CustomSessionContext server) {
        this.client = client;
        this.server = server;
        this.byPeer = new Tls12SessionCache<>(client::getSessionCacheSize, client::getSessionTimeout);
        this.byId = new Tls12SessionCache<>(server::getSessionCacheSize, server::getSessionTimeout);
    }

    /**
     * @param ticketsEnabled whether the server issues RFC 5077 tickets ({@code
     *     jdk.tls.server.enableSessionTicketExtension}, default true as in SunJSSE); without, resumption is by
     *     session id only
     */
    void init(TlsCrypto crypto, boolean ticketsEnabled) {
        this.crypto = crypto;
        this.ticketsEnabled = ticketsEnabled;
    }

    private static String peer(String host, int port) {
        return host + ":" + port;
    }

    @Override
    public Tls12SessionState findForPeer(String host, int port) {
        Tls12SessionState s = byPeer.get(peer(host, port));
        // An SSLSession invalidated (or evicted) through the SSLSessionContext is not resumed.
        if (s != null && s.sessionId().length > 0 && client.getSession(s.sessionId()) == null) {
            byPeer.remove(peer(host, port));
            return null;
        }
        return s;
    }

    @Override
    public void storeForPeer(String host, int port, Tls12SessionState state) {
        if (host != null) {
            byPeer.put(peer(host, port), state);
        }
    }

    @Override
    public void removeForPeer(String host, int port) {
        byPeer.remove(peer(host, port));
    }

    @Override
    public Tls12SessionState findById(byte[] sessionId) {
        ByteBuffer key = ByteBuffer.wrap(sessionId.clone());
        Tls12SessionState s = byId.get(key);
        if (s != null && server.getSession(sessionId) == null) {
            byId.remove(key);
            return null;
        }
        return s;
    }

    @Override
    public void storeById(Tls12SessionState state) {
        byId.put(ByteBuffer.wrap(state.sessionId()), state);
    }

    @Override
    public Tls12TicketSealer ticketSealer() {
        // The server context's ticket keys, shared with TLS 1.3 tickets (and replaceable through it).
        return ticketsEnabled && crypto != null ? new Tls12TicketSealer(server.ticketKeySource(crypto), crypto) : null;
    }
}
