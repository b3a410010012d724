package dev.customtls.core.session;

/** Receives the tickets a client gets after its handshake (RFC 8446 section 4.6.1), e.g. a session cache. */
@FunctionalInterface
public interface TicketSink {
    void ticketReceived(ClientTicket ticket);
}
