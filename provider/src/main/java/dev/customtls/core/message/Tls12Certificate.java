package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;

import java.util.Arrays;
import java.util.List;

/**
 * TLS 1.2 Certificate (RFC 5246 section 7.4.2): {@code ASN.1Cert certificate_list<0..2^24-1>}. The codec
 * is {@link CertificateMessage#decodeTls12} / {@link CertificateMessage#encodeTls12}; this record gives it
 * a message type for the listener and the transcript.
 *
 * @param certificates DER certificates, end-entity first (arrays shared, not copied)
 */
public record Tls12Certificate(List<byte[]> certificates) implements HandshakeMessage {
    public Tls12Certificate {
        certificates = List.copyOf(certificates);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        int m = w.startVector24();
        for (byte[] c : certificates) {
            w.opaque24(c);
        }
        w.endVector24(m);
    }

    public static Tls12Certificate decode(TlsReader body) {
        return new Tls12Certificate(CertificateMessage.decodeTls12(body));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tls12Certificate c) || c.certificates.size() != certificates.size()) {
            return false;
        }
        for (int i = 0; i < certificates.size(); i++) {
            if (!Arrays.equals(c.certificates.get(i), certificates.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return certificates.size();
    }

    @Override
    public String toString() {
        return "Tls12Certificate[" + certificates.size() + " certificates]";
    }
}
