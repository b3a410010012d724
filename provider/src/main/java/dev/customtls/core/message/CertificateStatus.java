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

    /**
     * Server: whether a client's CertificateStatusRequest (the data of its {@code status_request}, RFC 6066
     * section 8) asks for an OCSP response. An {@code OCSPStatusRequest} must be well formed (a list of
     * {@code ResponderID}s of 1 to 2^16-1 bytes each, then the request extensions, nothing after): otherwise
     * decode_error. Another {@code status_type} is not an error: its body is unknown to us and ignored.
     */
    public static boolean requestsOcsp(byte[] statusRequest) {
        TlsReader r = new TlsReader(statusRequest);
        if (r.remaining() < 1) {
            throw TlsAlertException.decodeError("status_request without a status_type");
        }
        if (r.u8() != OCSP) {
            return false;
        }
        if (r.remaining() < 4) {
            throw TlsAlertException.decodeError("status_request (ocsp) is shorter than its two lists");
        }
        TlsReader responderIds = r.vector16();
        while (responderIds.hasRemaining()) {
            if (responderIds.remaining() < 2 || responderIds.opaque16().length == 0) {
                throw TlsAlertException.decodeError("status_request (ocsp) has an empty or truncated ResponderID");
            }
        }
        r.vector16(); // request_extensions: DER of an X.509 Extensions, passed on to nobody (see the JSSE layer)
        r.ensureEmpty("status_request");
        return true;
    }

    /** Server: whether {@code ch} carries a status_request asking for OCSP (see {@link #requestsOcsp}). */
    public static boolean requestedIn(ClientHello ch) {
        dev.customtls.core.extension.StatusRequestExtension request =
                ch.extensions().get(dev.customtls.core.extension.StatusRequestExtension.class);
        return request != null && requestsOcsp(request.data());
    }

    /** This status as the data of a TLS 1.3 CertificateEntry's {@code status_request} (RFC 8446 section 4.4.2.1). */
    public byte[] encodeAsExtensionData() {
        TlsWriter w = new TlsWriter(ocspResponse.length + 4);
        encodeBody(w);
        return w.toByteArray();
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
