package dev.customtls.core.message;

import dev.customtls.core.codec.TlsWriter;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Test-only builders for raw handshake bytes. */
final class Wire {
    private Wire() {
    }

    /** Hex with any whitespace. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One extension: type, u16 length, data. */
    static byte[] ext(int type, String dataHex) {
        byte[] data = hex(dataHex);
        return new TlsWriter().u16(type).opaque16(data).toByteArray();
    }

    /** An extension block: u16 length then the extensions. */
    static byte[] block(byte[]... extensions) {
        return new TlsWriter().opaque16(concat(extensions)).toByteArray();
    }

    /** The fixed start of a ClientHello body: version, 32-byte random, empty session id, one suite, null compression. */
    static byte[] clientHelloPrefix() {
        return concat(hex("0303"), new byte[32], hex("00 0002 1301 0100"));
    }

    static byte[] clientHelloBody(byte[]... extensions) {
        return concat(clientHelloPrefix(), block(extensions));
    }

    static byte[] serverHelloBody(byte[] random, byte[]... extensions) {
        return concat(hex("0303"), random, hex("00 1301 00"), block(extensions));
    }

    /** The message body without its four-byte header. */
    static byte[] body(byte[] message) {
        byte[] body = new byte[message.length - 4];
        System.arraycopy(message, 4, body, 0, body.length);
        return body;
    }
}
