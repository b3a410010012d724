package dev.customtls.core.extension;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.List;

/**
 * {@code compress_certificate} (RFC 8879 section 3), in a ClientHello or a TLS 1.3 CertificateRequest:
 * {@code CertificateCompressionAlgorithm algorithms<2..2^8-2>}, the algorithms the sender can decompress, in
 * preference order. Unknown values are kept (and ignored).
 */
public record CompressCertificateExtension(List<Integer> algorithms) implements Extension {
    public CompressCertificateExtension {
        algorithms = IntList.copyOf(algorithms);
    }

    @Override
    public int type() {
        return ExtensionType.COMPRESS_CERTIFICATE;
    }

    @Override
    public void encodeData(TlsWriter w) {
        IntVectors.writeU16ListU8Length(w, algorithms);
    }

    /** An empty or odd-length list is a {@code decode_error}. */
    public static CompressCertificateExtension decode(TlsReader data) {
        return new CompressCertificateExtension(IntVectors.readU16ListU8Length(data, "compress_certificate"));
    }
}
