package dev.customtls.jsse;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.error.TlsAlertException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/**
 * The one place core errors become JSSE exceptions, as SunJSSE raises them: during the handshake an
 * {@code SSLHandshakeException}; afterwards {@code SSLProtocolException} for malformed or unexpected
 * input and {@code SSLException} otherwise. The message names the alert and the cause.
 */
final class SslExceptions {

    private SslExceptions() {
    }

    static SSLException toSslException(TlsAlertException e, boolean handshaking) {
        String message = e.isReceived()
                ? e.getMessage()
                : "(" + e.alert().rfcName() + ") " + e.getMessage();
        SSLException out;
        if (handshaking) {
            out = new SSLHandshakeException(message);
        } else if (!e.isReceived() && isProtocolError(e.alert())) {
            out = new SSLProtocolException(message);
        } else {
            out = new SSLException(message);
        }
        out.initCause(e.getCause() != null ? e.getCause() : e);
        return out;
    }

    private static boolean isProtocolError(AlertDescription alert) {
        switch (alert) {
            case DECODE_ERROR:
            case UNEXPECTED_MESSAGE:
            case ILLEGAL_PARAMETER:
            case RECORD_OVERFLOW:
            case BAD_RECORD_MAC:
                return true;
            default:
                return false;
        }
    }
}
