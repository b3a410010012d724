package dev.customtls.jsse;

import dev.customtls.core.session.TicketKeySource;

/**
 * Implemented by the server {@code SSLSessionContext} of a {@code Custom} {@code SSLContext}: sets where
 * session-ticket keys come from. The default is an in-memory source rotating its key every ticket
 * lifetime; servers behind one load balancer share a
 * {@link dev.customtls.core.session.KeyStoreTicketKeySource} over one file. See {@code docs/resumption.md}.
 */
public interface TicketKeyConfigurable {
    void setTicketKeySource(TicketKeySource source);
}
