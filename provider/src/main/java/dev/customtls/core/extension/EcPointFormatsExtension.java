package dev.customtls.core.extension;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.List;

/** {@code ec_point_formats} (RFC 8422 section 5.1.2): {@code ECPointFormat ec_point_format_list<1..2^8-1>}. */
public record EcPointFormatsExtension(List<Integer> formats) implements Extension {
    /** The only format TLS 1.2 uses today. */
    public static final int UNCOMPRESSED = 0;

    public EcPointFormatsExtension {
        formats = IntList.copyOf(formats);
    }

    @Override
    public int type() {
        return ExtensionType.EC_POINT_FORMATS;
    }

    @Override
    public void encodeData(TlsWriter w) {
        IntVectors.writeU8ListU8Length(w, formats);
    }

    /** An empty list is a {@code decode_error}. */
    public static EcPointFormatsExtension decode(TlsReader data) {
        return new EcPointFormatsExtension(IntVectors.readU8ListU8Length(data, "ec_point_formats"));
    }
}
