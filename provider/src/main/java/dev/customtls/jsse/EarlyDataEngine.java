package dev.customtls.jsse;

import java.nio.ByteBuffer;

/**
 * TLS 1.3 0-RTT early data (RFC 8446 sections 2.3, 4.2.10) on a {@code Custom} {@code SSLEngine}; JSSE has
 * no API for it. Find it with {@code engine instanceof EarlyDataEngine}. Off by default: unmodified JSSE
 * code never sends or accepts early data.
 *
 * <p>Early data can be replayed by an attacker (RFC 8446 section 8): send only idempotent requests. The
 * server refuses a ticket's second 0-RTT use and tickets whose age is off, but a replay to another
 * server that does not share our anti-replay store is possible.
 */
public interface EarlyDataEngine {

    /** What became of the early data of this connection. */
    enum EarlyDataStatus {
        /** No early data was sent (client) or received (server). */
        NOT_ATTEMPTED,
        /** The server accepted the early data. */
        ACCEPTED,
        /** Early data was sent but the server did not accept it. */
        REJECTED
    }

    /**
     * Client, before the handshake starts: data to send as 0-RTT (the buffer's remaining bytes are
     * copied). It goes out only when a ticket for this host and port allows 0-RTT, with the ticket's
     * cipher suite and ALPN still enabled, and if it fits the ticket's max_early_data_size; otherwise it is
     * sent as ordinary application data right after the handshake (unless re-sending is turned off).
     *
     * @throws IllegalStateException in server mode or after the handshake started
     */
    void setEarlyData(ByteBuffer data);

    /**
     * Client: whether early data that was not accepted is sent again as 1-RTT application data right
     * after the handshake (default true). With false, the application re-sends (or not) itself after
     * reading {@link #earlyDataStatus()}.
     */
    void setResendRejectedEarlyData(boolean resend);

    /**
     * Server, before the handshake starts: accept up to {@code maxEarlyDataSize} bytes of 0-RTT data on
     * this connection (0 refuses it, the default), and advertise that limit in the tickets this
     * connection issues. Early data is accepted only for a ticket's first use within the ticket-age
     * freshness window.
     */
    void setEarlyDataEnabled(int maxEarlyDataSize);

    /** Client and server: the outcome, final once the handshake completed. */
    EarlyDataStatus earlyDataStatus();

    /**
     * Server: the bytes that arrived as 0-RTT data since the last call (an empty buffer if none). They
     * are never returned by {@code unwrap}, which delivers only 1-RTT data.
     */
    ByteBuffer readEarlyData();
}
