package dev.customtls.core.session;

/**
 * A client connection's resumption and 0-RTT settings and outcome (RFC 8446 sections 2.2, 2.3). Set by
 * the adapter before the handshake starts; read back for the early-data status.
 */
public final class ClientResumption {
    private final ClientTicket offer;
    private final TicketSink sink;
    private final boolean offerPskKe;
    private byte[] earlyData;
    private boolean resendRejectedEarlyData = true;
    private EarlyDataStatus earlyDataStatus = EarlyDataStatus.NOT_ATTEMPTED;

    /**
     * @param offer      the ticket to offer, or null for a full handshake
     * @param sink       where new tickets go, or null to drop them
     * @param offerPskKe also offer psk_ke (PSK without (EC)DHE); off by default (no forward secrecy)
     */
    public ClientResumption(ClientTicket offer, TicketSink sink, boolean offerPskKe) {
        this.offer = offer;
        this.sink = sink;
        this.offerPskKe = offerPskKe;
    }

    public ClientTicket offer() {
        return offer;
    }

    public TicketSink sink() {
        return sink;
    }

    public boolean offerPskKe() {
        return offerPskKe;
    }

    /** Data to send as 0-RTT if the offered ticket allows it; null for none. */
    public byte[] earlyData() {
        return earlyData;
    }

    public void setEarlyData(byte[] data) {
        this.earlyData = data == null || data.length == 0 ? null : data.clone();
    }

    /** Whether early data that was not accepted is sent again as 1-RTT data (default true). */
    public boolean resendRejectedEarlyData() {
        return resendRejectedEarlyData;
    }

    public void setResendRejectedEarlyData(boolean resend) {
        this.resendRejectedEarlyData = resend;
    }

    public EarlyDataStatus earlyDataStatus() {
        return earlyDataStatus;
    }

    public void setEarlyDataStatus(EarlyDataStatus status) {
        this.earlyDataStatus = status;
    }
}
