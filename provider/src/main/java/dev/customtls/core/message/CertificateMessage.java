package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Certificate (RFC 8446 section 4.4.2): {@code opaque certificate_request_context<0..2^8-1>} and
 * {@code CertificateEntry certificate_list<0..2^24-1>}. An empty list (a client without a certificate) is
 * legal here; the handshake decides whether it is acceptable. The TLS 1.2 form is handled by
 * {@link #decodeTls12} and {@link #encodeTls12}.
 */
public record CertificateMessage(byte[] requestContext, List<CertificateEntry> entries) implements HandshakeMessage {
    public CertificateMessage {
        Objects.requireNonNull(requestContext, "requestContext");
        entries = List.copyOf(entries);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.opaque8(requestContext);
        int mark = w.startVector24();
        for (CertificateEntry e : entries) {
            e.encode(w);
        }
        w.endVector24(mark);
    }

    /** Decodes a TLS 1.3 Certificate body and consumes it exactly. */
    public static CertificateMessage decode(TlsReader body) {
        byte[] context = body.opaque8();
        TlsReader list = body.vector24();
        List<CertificateEntry> entries = new ArrayList<>(3);
        while (list.hasRemaining()) {
            entries.add(CertificateEntry.decode(list));
        }
        body.ensureEmpty("Certificate");
        return new CertificateMessage(context, entries);
    }

    /**
     * Decodes a TLS 1.2 Certificate body (RFC 5246 section 7.4.2): {@code ASN.1Cert certificate_list<0..2^24-1>},
     * each {@code opaque ASN.1Cert<1..2^24-1>}. Consumes the body exactly; an empty certificate is a
     * {@code decode_error}.
     */
    public static List<byte[]> decodeTls12(TlsReader body) {
        TlsReader list = body.vector24();
        List<byte[]> certs = new ArrayList<>(3);
        while (list.hasRemaining()) {
            byte[] cert = list.opaque24();
            if (cert.length == 0) {
                throw TlsAlertException.decodeError("Empty ASN.1Cert");
            }
            certs.add(cert);
        }
        body.ensureEmpty("Certificate");
        return List.copyOf(certs);
    }

    /** Encodes a whole TLS 1.2 Certificate message (RFC 5246 section 7.4.2), header included. */
    public static byte[] encodeTls12(List<byte[]> certs) {
        TlsWriter w = new TlsWriter();
        w.u8(HandshakeType.CERTIFICATE);
        int body = w.startVector24();
        int list = w.startVector24();
        for (byte[] cert : certs) {
            w.opaque24(cert);
        }
        w.endVector24(list);
        w.endVector24(body);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateMessage c && Arrays.equals(c.requestContext, requestContext)
                && c.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(requestContext) + entries.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateMessage[requestContext=" + requestContext.length + " bytes, entries=" + entries + "]";
    }
}
