package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;

/** TLS 1.2 ServerHelloDone (RFC 5246 section 7.4.5): an empty body. */
public record ServerHelloDone() implements HandshakeMessage {

    @Override
    public int type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        // empty
    }

    /** A non-empty body is a {@code decode_error}. */
    public static ServerHelloDone decode(TlsReader body) {
        body.ensureEmpty("ServerHelloDone");
        return new ServerHelloDone();
    }
}
