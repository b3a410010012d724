package dev.customtls.core.extension;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.List;

/**
 * {@code supported_versions} in a ClientHello (RFC 8446 section 4.2.1):
 * {@code ProtocolVersion versions<2..254>}, a one-byte length then uint16 versions, GREASE kept.
 */
public record SupportedVersionsClientHello(List<Integer> versions) implements Extension {
    public SupportedVersionsClientHello {
        versions = IntList.copyOf(versions);
    }

    @Override
    public int type() {
        return ExtensionType.SUPPORTED_VERSIONS;
    }

    @Override
    public void encodeData(TlsWriter w) {
        IntVectors.writeU16ListU8Length(w, versions);
    }

    /** Decodes the list; an empty or odd-length vector is a {@code decode_error}. */
    public static SupportedVersionsClientHello decode(TlsReader data) {
        return new SupportedVersionsClientHello(IntVectors.readU16ListU8Length(data, "supported_versions"));
    }
}
