package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;

/** EndOfEarlyData (RFC 8446 section 4.5): an empty body. */
public record EndOfEarlyData() implements HandshakeMessage {
    public static final EndOfEarlyData INSTANCE = new EndOfEarlyData();

    @Override
    public int type() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        // empty
    }

    /** Any byte in the body is a {@code decode_error}. */
    public static EndOfEarlyData decode(TlsReader body) {
        body.ensureEmpty("EndOfEarlyData");
        return INSTANCE;
    }
}
