package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

/** {@code extended_master_secret} (RFC 7627 section 5.1), empty. */
public record ExtendedMasterSecretExtension() implements Extension {
    public static final ExtendedMasterSecretExtension INSTANCE = new ExtendedMasterSecretExtension();

    @Override
    public int type() {
        return ExtensionType.EXTENDED_MASTER_SECRET;
    }

    @Override
    public void encodeData(TlsWriter w) {
        // extension_data is empty
    }
}
