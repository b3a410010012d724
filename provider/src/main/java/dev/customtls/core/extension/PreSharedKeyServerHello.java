package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

/** {@code pre_shared_key} in a ServerHello (RFC 8446 section 4.2.11): {@code uint16 selected_identity}. */
public record PreSharedKeyServerHello(int selectedIdentity) implements Extension {
    @Override
    public int type() {
        return ExtensionType.PRE_SHARED_KEY;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.u16(selectedIdentity);
    }

    public static PreSharedKeyServerHello decode(TlsReader data) {
        return new PreSharedKeyServerHello(data.u16());
    }
}
