package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.Extensions;

import java.util.Objects;

/** EncryptedExtensions (RFC 8446 section 4.3.1): {@code Extension extensions<0..2^16-1>}. */
public record EncryptedExtensions(Extensions extensions) implements HandshakeMessage {
    public EncryptedExtensions {
        Objects.requireNonNull(extensions, "extensions");
    }

    @Override
    public int type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        extensions.encode(w);
    }

    /** Decodes the body exactly; extensions are checked as {@link ExtensionContext#ENCRYPTED_EXTENSIONS}. */
    public static EncryptedExtensions decode(TlsReader body) {
        Extensions extensions = Extensions.decode(body, ExtensionContext.ENCRYPTED_EXTENSIONS);
        body.ensureEmpty("EncryptedExtensions");
        return new EncryptedExtensions(extensions);
    }
}
