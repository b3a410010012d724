package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

/**
 * {@code record_size_limit} (RFC 8449 section 4): {@code uint16 RecordSizeLimit}. Values above the
 * protocol maximum are legal (the peer then uses its own maximum); values below 64 are not.
 */
public record RecordSizeLimitExtension(int limit) implements Extension {
    /** The smallest legal value (RFC 8449 section 4). */
    public static final int MIN_LIMIT = 64;

    @Override
    public int type() {
        return ExtensionType.RECORD_SIZE_LIMIT;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.u16(limit);
    }

    /** "Endpoints MUST NOT send a value smaller than 64 ... treat receipt ... as illegal_parameter" (section 4). */
    public static RecordSizeLimitExtension decode(TlsReader data) {
        int limit = data.u16();
        if (limit < MIN_LIMIT) {
            throw TlsAlertException.illegalParameter("record_size_limit " + limit + " is below 64");
        }
        return new RecordSizeLimitExtension(limit);
    }
}
