package dev.customtls.jsse;

import javax.crypto.SecretKey;
import javax.net.ssl.SSLKeyException;

/**
 * Implemented by every {@code SSLSession} of a {@code Custom} connection: keying material exporters (RFC 8446
 * section 7.5, RFC 5705) with the signatures of JDK 25's {@code ExtendedSSLSession.exportKeyingMaterialKey} and
 * {@code exportKeyingMaterialData}, which the sessions override on JDK 25 and later. On JDK 17 to 24, cast the
 * session to this interface to reach them. See {@code docs/compatibility.md}.
 */
public interface KeyingMaterialExportable {
    /**
     * {@code length} bytes of keying material exported under {@code label} (encoded as UTF-8) and
     * {@code context}, as a key of algorithm {@code keyAlg}.
     *
     * @throws SSLKeyException if the connection must not export (TLS 1.2 without the extended master secret)
     * @throws IllegalStateException if the session's handshake has not completed
     */
    SecretKey exportKeyingMaterialKey(String keyAlg, String label, byte[] context, int length) throws SSLKeyException;

    /**
     * {@code length} bytes of keying material exported under {@code label} (encoded as UTF-8) and
     * {@code context}.
     *
     * @throws SSLKeyException if the connection must not export (TLS 1.2 without the extended master secret)
     * @throws IllegalStateException if the session's handshake has not completed
     */
    byte[] exportKeyingMaterialData(String label, byte[] context, int length) throws SSLKeyException;
}
