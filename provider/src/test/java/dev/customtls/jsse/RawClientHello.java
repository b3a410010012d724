package dev.customtls.jsse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A TLS 1.3 ClientHello assembled byte by byte, so tests can break it in ways our own encoder refuses to:
 * missing, duplicated or misplaced extensions, bad inner lengths, trailing bytes. The default is a valid
 * ClientHello for x25519, TLS_AES_128_GCM_SHA256 and an ECDSA P-256 or RSA server.
 */
final class RawClientHello {
    /** The RFC 8448 client's X25519 public key: a valid point. */
    static final byte[] X25519_PUBLIC = HexFormat.of().parseHex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");

    int legacyVersion = 0x0303;
    byte[] sessionId = new byte[32];
    int[] cipherSuites = {0x1301, 0x1302, 0x1303};
    byte[] compression = {0};
    final List<byte[]> extensions = new ArrayList<>();
    /** Bytes appended inside the message after the extensions (the message length covers them). */
    byte[] trailing = new byte[0];

    RawClientHello() {
        extension(0x002b, hex("02 0304"));                              // supported_versions
        extension(0x000a, hex("0004 001d 0017"));                       // supported_groups
        extension(0x0033, keyShareX25519());                            // key_share
        extension(0x000d, hex("0008 0403 0804 0807 0805"));             // signature_algorithms
        extension(0x002d, hex("01 01"));                                // psk_key_exchange_modes
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static byte[] keyShareX25519() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, 4 + X25519_PUBLIC.length);
        u16(b, 0x001d);
        u16(b, X25519_PUBLIC.length);
        b.writeBytes(X25519_PUBLIC);
        return b.toByteArray();
    }

    /** A well-formed pre_shared_key extension body: one identity "A", one 32-byte binder. */
    static byte[] preSharedKey() {
        return hex("0007 0001 41 00000000 0021 20" + "00".repeat(32));
    }

    RawClientHello extension(int type, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, type);
        u16(b, data.length);
        b.writeBytes(data);
        extensions.add(b.toByteArray());
        return this;
    }

    /** Removes every extension of this type. */
    RawClientHello without(int type) {
        extensions.removeIf(e -> (((e[0] & 0xff) << 8) | (e[1] & 0xff)) == type);
        return this;
    }

    /** The ClientHello body (without the handshake header). */
    byte[] body() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, legacyVersion);
        b.writeBytes(new byte[32]);                                     // random
        b.write(sessionId.length);
        b.writeBytes(sessionId);
        u16(b, 2 * cipherSuites.length);
        for (int s : cipherSuites) {
            u16(b, s);
        }
        b.write(compression.length);
        b.writeBytes(compression);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        extensions.forEach(ext::writeBytes);
        u16(b, ext.size());
        b.writeBytes(ext.toByteArray());
        b.writeBytes(trailing);
        return b.toByteArray();
    }

    /** The handshake message: type 1, uint24 length, body. */
    byte[] message() {
        return handshake(1, body());
    }

    /** One plaintext handshake record carrying the message. */
    byte[] record() {
        return record(22, 0x0301, message());
    }

    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        b.write(body.length >>> 16);
        u16(b, body.length & 0xffff);
        b.writeBytes(body);
        return b.toByteArray();
    }

    static byte[] record(int type, int version, byte[] fragment) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        u16(b, version);
        u16(b, fragment.length);
        b.writeBytes(fragment);
        return b.toByteArray();
    }

    private static void u16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }
}
