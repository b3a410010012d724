package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

/** {@code post_handshake_auth} (RFC 8446 section 4.2.6), empty. */
public record PostHandshakeAuthExtension() implements Extension {
    public static final PostHandshakeAuthExtension INSTANCE = new PostHandshakeAuthExtension();

    @Override
    public int type() {
        return ExtensionType.POST_HANDSHAKE_AUTH;
    }

    @Override
    public void encodeData(TlsWriter w) {
        // extension_data is empty
    }
}
