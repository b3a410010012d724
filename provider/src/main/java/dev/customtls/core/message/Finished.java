package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finished (RFC 8446 section 4.4.4): the body is {@code verify_data}. Its length depends on the hash
 * (12 bytes in TLS 1.2), so any length decodes; the handshake compares it, in constant time.
 */
public record Finished(byte[] verifyData) implements HandshakeMessage {
    public Finished {
        Objects.requireNonNull(verifyData, "verifyData");
    }

    @Override
    public int type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.bytes(verifyData);
    }

    /** Takes the whole remaining body as {@code verify_data}. */
    public static Finished decode(TlsReader body) {
        return new Finished(body.bytes(body.remaining()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finished f && Arrays.equals(f.verifyData, verifyData);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(verifyData);
    }

    @Override
    public String toString() {
        return "Finished[verifyData=" + verifyData.length + " bytes]";
    }
}
