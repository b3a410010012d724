package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

/**
 * {@code supported_versions} in a ServerHello or HelloRetryRequest (RFC 8446 section 4.2.1):
 * {@code ProtocolVersion selected_version}.
 */
public record SupportedVersionsServerHello(int selectedVersion) implements Extension {
    @Override
    public int type() {
        return ExtensionType.SUPPORTED_VERSIONS;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.u16(selectedVersion);
    }

    public static SupportedVersionsServerHello decode(TlsReader data) {
        return new SupportedVersionsServerHello(data.u16());
    }
}
