package dev.customtls.core.session;

/**
 * A server connection's ticket and 0-RTT policy (RFC 8446 sections 4.6.1, 4.2.10, 8).
 *
 * @param sealer               seals and opens tickets
 * @param ticketCount          NewSessionTickets sent after the handshake (0: none, no resumption)
 * @param lifetimeSeconds      ticket lifetime, at most 7 days
 * @param maxEarlyData         0-RTT bytes accepted per connection; 0 disables early data
 * @param antiReplay           single-use store for tickets carrying early data; required when maxEarlyData > 0
 * @param freshnessWindowMillis largest difference accepted between the client's and our view of the
 *                             ticket age for 0-RTT (RFC 8446 section 8.3)
 */
public record ServerTicketPolicy(TicketSealer sealer, int ticketCount, long lifetimeSeconds, long maxEarlyData,
                                 AntiReplayStore antiReplay, long freshnessWindowMillis) {
    public static final long MAX_LIFETIME_SECONDS = 604800;

    public ServerTicketPolicy {
        lifetimeSeconds = Math.max(0, Math.min(lifetimeSeconds, MAX_LIFETIME_SECONDS));
        if (maxEarlyData > 0 && antiReplay == null) {
            throw new IllegalArgumentException("0-RTT needs an anti-replay store");
        }
    }

    public boolean earlyDataEnabled() {
        return maxEarlyData > 0;
    }
}
