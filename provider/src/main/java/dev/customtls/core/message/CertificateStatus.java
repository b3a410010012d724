package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.util.Objects;

/**
 * A stapled OCSP response, CertificateStatus of RFC 6066 section 8: {@code status_type} ocsp(1) and an
 * {@code OCSPResponse} of 1 to 2^24-1 bytes (the DER of RFC 6960, not parsed here; the trust manager checks it).
 * TLS 1.2 sends it as a handshake message after Certificate; TLS 1.3 as the {@code status_request} extension of
 * a CertificateEntry (RFC 8446 section 4.4.2.1). The array is shared, not copied.
 */
public record CertificateStatus(byte[] ocspResponse) implements HandshakeMessage {

    /** {@code CertificateStatusType} ocsp (RFC 6066 section 8). */
    public static final int OCSP = 1;

    /** The CertificateStatusRequest a client sends: ocsp, no responder ids, no request extensions (a fresh array). */
    public static byte[] ocspRequest() {
        return new byte[] {OCSP, 0, 0, 0, 0};
    }

    public CertificateStatus {
        Objects.requireNonNull(ocspResponse, "ocspResponse");
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_STATUS;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u8(OCSP);
        int mark = w.startVector24();
        w.bytes(ocspResponse);
        w.endVector24(mark);
    }

    /** Decodes a whole CertificateStatus; another status type, an empty response or trailing bytes: decode_error. */
    public static CertificateStatus decode(TlsReader body) {
        if (body.remaining() < 4) {
            throw TlsAlertException.decodeError("CertificateStatus is shorter than its header");
        }
        int statusType = body.u8();
        if (statusType != OCSP) {
            throw TlsAlertException.decodeError("CertificateStatus has status_type " + statusType
                    + "; the client asked for ocsp (1)");
        }
        byte[] response = body.opaque24();
        if (response.length == 0) {
            throw TlsAlertException.decodeError("CertificateStatus carries an empty OCSP response");
        }
        body.ensureEmpty("CertificateStatus");
        return new CertificateStatus(response);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateStatus s && java.util.Arrays.equals(s.ocspResponse, ocspResponse);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(ocspResponse);
    }

    @Override
    public String toString() {
        return "CertificateStatus[ocsp, " + ocspResponse.length + " bytes]";
    }
}
