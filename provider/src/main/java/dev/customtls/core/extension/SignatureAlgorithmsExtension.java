package dev.customtls.core.extension;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.List;

/**
 * signature_algorithms (RFC 8446 section 4.2.3): {@code SignatureScheme supported_signature_algorithms<2..2^16-2>}.
 * Codes are kept as received, unknown ones included (GREASE, RFC 8701).
 */
public record SignatureAlgorithmsExtension(List<Integer> schemes) implements Extension {
    public SignatureAlgorithmsExtension {
        schemes = IntList.copyOf(schemes);
    }

    @Override
    public int type() {
        return ExtensionType.SIGNATURE_ALGORITHMS;
    }

    @Override
    public void encodeData(TlsWriter w) {
        IntVectors.writeU16ListU16Length(w, schemes);
    }

    /** Decodes the list; an empty or odd-length vector is a {@code decode_error}. */
    public static SignatureAlgorithmsExtension decode(TlsReader data) {
        return new SignatureAlgorithmsExtension(IntVectors.readU16ListU16Length(data, "signature_algorithms"));
    }
}
