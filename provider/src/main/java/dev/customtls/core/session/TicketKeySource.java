package dev.customtls.core.session;

/**
 * Where a server gets its ticket-protection keys (RFC 8446 section 4.6.1 leaves the ticket format to the
 * server; ours is sealed with AES-256-GCM under one of these keys). Servers behind one load balancer
 * share a source (for example {@link KeyStoreTicketKeySource} over one file) so that any of them can open
 * a ticket another issued. Implementations are thread-safe.
 */
public interface TicketKeySource {

    /** The key new tickets are sealed with at {@code nowMillis}. */
    TicketKey sealingKey(long nowMillis);

    /**
     * The key named {@code name} (16 bytes at {@code ticket[off]}) if it may still open tickets at
     * {@code nowMillis}; null if unknown or retired.
     */
    TicketKey openingKey(byte[] ticket, int off, long nowMillis);
}
