package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.Objects;

/** {@code key_share} in a ServerHello (RFC 8446 section 4.2.8): {@code KeyShareEntry server_share}. */
public record KeyShareServerHello(KeyShareEntry share) implements Extension {
    public KeyShareServerHello {
        Objects.requireNonNull(share, "share");
    }

    @Override
    public int type() {
        return ExtensionType.KEY_SHARE;
    }

    @Override
    public void encodeData(TlsWriter w) {
        share.encode(w);
    }

    public static KeyShareServerHello decode(TlsReader data) {
        return new KeyShareServerHello(KeyShareEntry.decode(data));
    }
}
