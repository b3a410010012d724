package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;
import java.util.Objects;

/** {@code cookie} (RFC 8446 section 4.2.2): {@code opaque cookie<1..2^16-1>}. The array is shared. */
public record CookieExtension(byte[] cookie) implements Extension {
    public CookieExtension {
        Objects.requireNonNull(cookie, "cookie");
    }

    @Override
    public int type() {
        return ExtensionType.COOKIE;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.opaque16(cookie);
    }

    /** An empty cookie is a {@code decode_error}. */
    public static CookieExtension decode(TlsReader data) {
        byte[] cookie = data.opaque16();
        if (cookie.length == 0) {
            throw TlsAlertException.decodeError("Empty cookie");
        }
        return new CookieExtension(cookie);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CookieExtension c && Arrays.equals(c.cookie, cookie);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cookie);
    }

    @Override
    public String toString() {
        return "CookieExtension[" + cookie.length + " bytes]";
    }
}
