package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;

import java.util.Arrays;
import java.util.Objects;

/** CertificateVerify (RFC 8446 section 4.4.3): {@code SignatureScheme algorithm; opaque signature<0..2^16-1>}. */
public record CertificateVerify(int signatureScheme, byte[] signature) implements HandshakeMessage {
    public CertificateVerify {
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u16(signatureScheme);
        w.opaque16(signature);
    }

    /** Decodes the body exactly; the scheme is the handshake's to check. */
    public static CertificateVerify decode(TlsReader body) {
        int scheme = body.u16();
        byte[] signature = body.opaque16();
        body.ensureEmpty("CertificateVerify");
        return new CertificateVerify(scheme, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateVerify c && c.signatureScheme == signatureScheme
                && Arrays.equals(c.signature, signature);
    }

    @Override
    public int hashCode() {
        return 31 * signatureScheme + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "CertificateVerify[scheme=0x" + Integer.toHexString(signatureScheme) + ", signature="
                + signature.length + " bytes]";
    }
}
