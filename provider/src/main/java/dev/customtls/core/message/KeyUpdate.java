package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

/** KeyUpdate (RFC 8446 section 4.6.3): {@code KeyUpdateRequest request_update}, 0 or 1. */
public record KeyUpdate(boolean updateRequested) implements HandshakeMessage {
    public static final int UPDATE_NOT_REQUESTED = 0;
    public static final int UPDATE_REQUESTED = 1;

    @Override
    public int type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u8(updateRequested ? UPDATE_REQUESTED : UPDATE_NOT_REQUESTED);
    }

    /**
     * Decodes the body exactly. "If an implementation receives any other value, it MUST terminate the
     * connection with an illegal_parameter alert" (section 4.6.3).
     */
    public static KeyUpdate decode(TlsReader body) {
        int value = body.u8();
        body.ensureEmpty("KeyUpdate");
        if (value != UPDATE_NOT_REQUESTED && value != UPDATE_REQUESTED) {
            throw TlsAlertException.illegalParameter("KeyUpdate request_update " + value);
        }
        return new KeyUpdate(value == UPDATE_REQUESTED);
    }
}
