package dev.customtls.core.error;

import dev.customtls.core.constants.AlertDescription;

/**
 * The one error type of the protocol core: a fatal condition that ends the connection with an alert.
 *
 * <p>{@link #isReceived()} distinguishes an alert the peer sent us from one we raise (and must send).
 * The JSSE adapter maps this to the {@code SSLException} subclass SunJSSE would use. Messages never
 * contain secret material.
 */
public final class TlsAlertException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AlertDescription alert;
    private final boolean received;

    private TlsAlertException(AlertDescription alert, boolean received, String message, Throwable cause) {
        super(message, cause);
        this.alert = alert;
        this.received = received;
    }

    /** A fatal alert we raise locally and will send to the peer. */
    public static TlsAlertException fatal(AlertDescription alert, String message) {
        return new TlsAlertException(alert, false, message, null);
    }

    /** A fatal alert we raise locally, with an underlying cause. */
    public static TlsAlertException fatal(AlertDescription alert, String message, Throwable cause) {
        return new TlsAlertException(alert, false, message, cause);
    }

    /** A fatal alert the peer sent to us. */
    public static TlsAlertException received(AlertDescription alert) {
        return new TlsAlertException(alert, true, "Received fatal alert: " + alert.rfcName(), null);
    }

    public static TlsAlertException decodeError(String message) {
        return fatal(AlertDescription.DECODE_ERROR, message);
    }

    public static TlsAlertException illegalParameter(String message) {
        return fatal(AlertDescription.ILLEGAL_PARAMETER, message);
    }

    public static TlsAlertException unexpectedMessage(String message) {
        return fatal(AlertDescription.UNEXPECTED_MESSAGE, message);
    }

    public static TlsAlertException handshakeFailure(String message) {
        return fatal(AlertDescription.HANDSHAKE_FAILURE, message);
    }

    public static TlsAlertException internalError(String message, Throwable cause) {
        return fatal(AlertDescription.INTERNAL_ERROR, message, cause);
    }

    public AlertDescription alert() {
        return alert;
    }

    /** True if the peer sent this alert; false if we raised it (and send it). */
    public boolean isReceived() {
        return received;
    }
}
