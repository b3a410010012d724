package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;
import java.util.Objects;

/**
 * CompressedCertificate (RFC 8879 section 4), which replaces a TLS 1.3 Certificate message:
 * {@code CertificateCompressionAlgorithm algorithm; uint24 uncompressed_length;
 * opaque compressed_certificate_message<1..2^24-1>}. The compressed bytes are the body of the Certificate
 * message. It is this message, not the Certificate, that enters the transcript. The array is shared.
 */
public record CompressedCertificate(int algorithm, int uncompressedLength, byte[] compressed)
        implements HandshakeMessage {
    public CompressedCertificate {
        Objects.requireNonNull(compressed, "compressed");
        if (algorithm < 0 || algorithm > 0xffff || uncompressedLength < 0 || uncompressedLength > 0xffffff) {
            throw new IllegalArgumentException("algorithm or uncompressed_length out of range");
        }
    }

    @Override
    public int type() {
        return HandshakeType.COMPRESSED_CERTIFICATE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u16(algorithm);
        w.u24(uncompressedLength);
        w.opaque24(compressed);
    }

    /** An empty {@code compressed_certificate_message} is a {@code decode_error}. */
    public static CompressedCertificate decode(TlsReader body) {
        int algorithm = body.u16();
        int length = body.u24();
        byte[] compressed = body.opaque24();
        body.ensureEmpty("CompressedCertificate");
        if (compressed.length == 0) {
            throw TlsAlertException.decodeError("Empty compressed_certificate_message");
        }
        return new CompressedCertificate(algorithm, length, compressed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressedCertificate c && c.algorithm == algorithm
                && c.uncompressedLength == uncompressedLength && Arrays.equals(c.compressed, compressed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, uncompressedLength, Arrays.hashCode(compressed));
    }

    @Override
    public String toString() {
        return "CompressedCertificate[algorithm=" + algorithm + ", uncompressedLength=" + uncompressedLength
                + ", " + compressed.length + " bytes]";
    }
}
