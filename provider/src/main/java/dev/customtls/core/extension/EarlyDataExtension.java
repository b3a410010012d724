package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

/**
 * {@code early_data} (RFC 8446 section 4.2.10). Empty in ClientHello and EncryptedExtensions
 * ({@link #maxEarlyDataSize()} is -1); in NewSessionTicket it is {@code uint32 max_early_data_size}.
 */
public record EarlyDataExtension(long maxEarlyDataSize) implements Extension {
    /** The empty form of ClientHello and EncryptedExtensions. */
    public static final EarlyDataExtension INDICATION = new EarlyDataExtension(-1);

    @Override
    public int type() {
        return ExtensionType.EARLY_DATA;
    }

    /** True for the empty ClientHello/EncryptedExtensions form. */
    public boolean isIndication() {
        return maxEarlyDataSize < 0;
    }

    @Override
    public void encodeData(TlsWriter w) {
        if (maxEarlyDataSize >= 0) {
            w.u32(maxEarlyDataSize);
        }
    }

    /** The NewSessionTicket form. */
    public static EarlyDataExtension decodeNewSessionTicket(TlsReader data) {
        return new EarlyDataExtension(data.u32());
    }
}
