package dev.customtls.jsse;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.error.TlsAlertException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/**
 * The one place core errors become JSSE exceptions, as SunJSSE raises them: the type follows the alert
 * (SunJSSE's {@code Alert.createSSLException}): {@code unexpected_message} is an
 * {@code SSLProtocolException}; alerts that only a handshake can cause ({@code handshake_failure},
 * certificate alerts, {@code decode_error}, {@code illegal_parameter}, ...) are
 * {@code SSLHandshakeException}s; the rest ({@code bad_record_mac}, {@code record_overflow},
 * {@code internal_error}, ...) plain {@code SSLException}s. The message names the alert and the cause.
 */
final class SslExceptions {

    private SslExceptions() {
    }

    static SSLException toSslException(TlsAlertException e) {
        String message = e.isReceived()
                ? e.getMessage()
                : "(" + e.alert().rfcName() + ") " + e.getMessage();
        SSLException out;
        if (e.alert() == AlertDescription.UNEXPECTED_MESSAGE) {
            out = new SSLProtocolException(message);
        } else if (isHandshakeOnly(e.alert())) {
            out = new SSLHandshakeException(message);
        } else {
            out = new SSLException(message);
        }
        out.initCause(e.getCause() != null ? e.getCause() : e);
        return out;
    }

    /** The alerts SunJSSE marks "handshake only". */
    private static boolean isHandshakeOnly(AlertDescription alert) {
        switch (alert) {
            case CLOSE_NOTIFY:
            case UNEXPECTED_MESSAGE:
            case BAD_RECORD_MAC:
            case RECORD_OVERFLOW:
            case INTERNAL_ERROR:
            case INAPPROPRIATE_FALLBACK:
            case USER_CANCELED:
                return false;
            default:
                return true;
        }
    }
}
