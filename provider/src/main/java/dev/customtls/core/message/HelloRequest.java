package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;

/** TLS 1.2 HelloRequest (RFC 5246 section 7.4.1.1): an empty body; never part of the transcript. */
public record HelloRequest() implements HandshakeMessage {

    @Override
    public int type() {
        return HandshakeType.HELLO_REQUEST;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        // empty
    }

    /** A non-empty body is a {@code decode_error}. */
    public static HelloRequest decode(TlsReader body) {
        body.ensureEmpty("HelloRequest");
        return new HelloRequest();
    }
}
