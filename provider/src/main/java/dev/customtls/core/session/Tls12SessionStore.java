package dev.customtls.core.session;

/**
 * Where TLS 1.2 sessions are kept for resumption (RFC 5246 section 7.4.1.2; RFC 5077). The JSSE adapter
 * implements it over its {@code SSLSessionContext}s, which decide size and timeout. Implementations are
 * thread-safe. A null store means no resumption.
 */
public interface Tls12SessionStore {

    /** Client: the session to offer to this peer, or null. */
    Tls12SessionState findForPeer(String host, int port);

    /** Client: remembers a session for this peer. */
    void storeForPeer(String host, int port, Tls12SessionState state);

    /** Client: forgets the session for this peer (e.g. the server refused to resume it). */
    void removeForPeer(String host, int port);

    /** Server: the cached session with this id, or null (expired or unknown). */
    Tls12SessionState findById(byte[] sessionId);

    /** Server: caches a session by its id. */
    void storeById(Tls12SessionState state);

    /** Server: the key source for RFC 5077 tickets, or null to issue none. */
    Tls12TicketSealer ticketSealer();
}
