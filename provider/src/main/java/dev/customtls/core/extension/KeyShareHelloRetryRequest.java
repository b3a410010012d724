package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

/** {@code key_share} in a HelloRetryRequest (RFC 8446 section 4.2.8): {@code NamedGroup selected_group}. */
public record KeyShareHelloRetryRequest(int selectedGroup) implements Extension {
    @Override
    public int type() {
        return ExtensionType.KEY_SHARE;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.u16(selectedGroup);
    }

    public static KeyShareHelloRetryRequest decode(TlsReader data) {
        return new KeyShareHelloRetryRequest(data.u16());
    }
}
