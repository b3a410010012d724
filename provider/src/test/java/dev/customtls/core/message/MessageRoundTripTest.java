package dev.customtls.core.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.CertificateAuthoritiesExtension;
import dev.customtls.core.extension.CookieExtension;
import dev.customtls.core.extension.EarlyDataExtension;
import dev.customtls.core.extension.EcPointFormatsExtension;
import dev.customtls.core.extension.ExtendedMasterSecretExtension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.KeyShareHelloRetryRequest;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.extension.PreSharedKeyServerHello;
import dev.customtls.core.extension.RenegotiationInfoExtension;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SessionTicketExtension;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.StatusRequestExtension;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.extension.UnknownExtension;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message: encode, decode through {@link HandshakeMessageDecoder}, and compare. */
class MessageRoundTripTest {
    private static final byte[] RANDOM = Wire.hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");

    static Stream<HandshakeMessage> messages() {
        return Stream.of(
                new ClientHello(0x0303, RANDOM, new byte[32], List.of(0x1301, 0x0a0a, 0xc02f), new byte[] {0},
                        Extensions.of(ServerNameExtension.of("example.com"))),
                new ClientHello(0x0301, RANDOM, new byte[0], List.of(0x002f), new byte[] {1, 0}, Extensions.EMPTY),
                new ServerHello(0x0303, RANDOM, new byte[32], 0x1302, 0, Extensions.of(
                        new SupportedVersionsServerHello(0x0304),
                        new KeyShareServerHello(new KeyShareEntry(0x0017, new byte[65])),
                        new PreSharedKeyServerHello(0))),
                new ServerHello(0x0303, RANDOM, new byte[8], 0xc02f, 0, Extensions.of(
                        RenegotiationInfoExtension.decode(new TlsReader(new byte[] {0})),
                        ExtendedMasterSecretExtension.INSTANCE,
                        new EcPointFormatsExtension(List.of(0)),
                        new SessionTicketExtension(new byte[0]),
                        AlpnExtension.selected("http/1.1"),
                        ServerNameExtension.ACKNOWLEDGEMENT,
                        new StatusRequestExtension(new byte[0]),
                        new UnknownExtension(0x4444, new byte[] {9}))),
                ServerHello.helloRetryRequest(new byte[32], 0x1301, Extensions.of(
                        new SupportedVersionsServerHello(0x0304), new KeyShareHelloRetryRequest(0x0017),
                        new CookieExtension(new byte[] {1, 2, 3}))),
                new EncryptedExtensions(Extensions.EMPTY),
                new EncryptedExtensions(Extensions.of(AlpnExtension.selected("h2"), EarlyDataExtension.INDICATION,
                        ServerNameExtension.ACKNOWLEDGEMENT)),
                new CertificateMessage(new byte[0], List.of()),
                new CertificateMessage(new byte[] {7, 7}, List.of(
                        new CertificateEntry(new byte[] {0x30, 0x03, 1, 2, 3},
                                Extensions.of(new StatusRequestExtension(new byte[] {1, 0, 0, 1, 5}))),
                        CertificateEntry.of(new byte[] {0x30, 0x00}))),
                new CertificateRequest(new byte[] {1}, Extensions.of(
                        new SignatureAlgorithmsExtension(List.of(0x0804, 0x0403)),
                        new CertificateAuthoritiesExtension(List.of(new byte[] {0x30, 0}, new byte[] {0x30, 1, 5})))),
                new CertificateVerify(0x0807, new byte[64]),
                new CertificateVerify(0x0403, new byte[0]),
                new Finished(new byte[48]),
                new Finished(new byte[12]),
                new KeyUpdate(true),
                new KeyUpdate(false),
                new NewSessionTicket(604800, 0xffffffffL, new byte[] {0, 1}, new byte[] {5, 6, 7},
                        Extensions.of(new EarlyDataExtension(0xffffffffL), new UnknownExtension(0xfafa, new byte[0]))),
                new NewSessionTicket(0, 0, new byte[0], new byte[1], Extensions.EMPTY),
                EndOfEarlyData.INSTANCE);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTrips(HandshakeMessage message) {
        byte[] encoded = message.encode();
        assertEquals(message.type(), encoded[0] & 0xff);
        int length = ((encoded[1] & 0xff) << 16) | ((encoded[2] & 0xff) << 8) | (encoded[3] & 0xff);
        assertEquals(encoded.length - 4, length);
        HandshakeMessage decoded = HandshakeMessageDecoder.decode(message.type(), Wire.body(encoded));
        assertEquals(message, decoded);
        assertEquals(message.hashCode(), decoded.hashCode());
        assertArrayEquals(encoded, decoded.encode());
    }

    @Test
    void contentEqualityNotIdentity() {
        assertEquals(new Finished(new byte[] {1, 2}), new Finished(new byte[] {1, 2}));
        assertNotEquals(new Finished(new byte[] {1, 2}), new Finished(new byte[] {1, 3}));
        assertNotEquals(new CertificateVerify(0x0804, new byte[1]), new CertificateVerify(0x0805, new byte[1]));
    }

    @Test
    void constructorsRejectARandomOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new ClientHello(0x0303, new byte[31], new byte[0],
                List.of(0x1301), new byte[] {0}, Extensions.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new ServerHello(0x0303, new byte[33], new byte[0],
                0x1301, 0, Extensions.EMPTY));
    }

    @Test
    void helloRetryRequestIsRecognised() {
        ServerHello hrr = ServerHello.helloRetryRequest(new byte[0], 0x1301,
                Extensions.of(new SupportedVersionsServerHello(0x0304), new KeyShareHelloRetryRequest(0x001d)));
        assertTrue(hrr.isHelloRetryRequest());
        ServerHello decoded = (ServerHello) HandshakeMessageDecoder.decode(HandshakeType.SERVER_HELLO,
                Wire.body(hrr.encode()));
        assertTrue(decoded.isHelloRetryRequest());
        assertEquals(0x001d, decoded.extensions().get(KeyShareHelloRetryRequest.class).selectedGroup());
        assertTrue(decoded.toString().startsWith("HelloRetryRequest"));
        // Each call hands out a fresh copy: changing one cannot change what the class compares against.
        byte[] copy = ServerHello.helloRetryRequestRandom();
        copy[0] ^= 1;
        assertTrue(ServerHello.helloRetryRequest(new byte[0], 0x1301, Extensions.EMPTY).isHelloRetryRequest());
        assertFalse(new ServerHello(0x0303, copy, new byte[0], 0x1301, 0, Extensions.EMPTY).isHelloRetryRequest());
    }

    @Test
    void tls12ServerHelloIsCheckedAsTls12() {
        // Without supported_versions the ServerHello is TLS 1.2: ALPN and ems are fine there.
        ServerHello sh = new ServerHello(0x0303, RANDOM, new byte[0], 0xc02f, 0,
                Extensions.of(AlpnExtension.selected("h2"), ExtendedMasterSecretExtension.INSTANCE));
        ServerHello decoded = (ServerHello) HandshakeMessageDecoder.decode(HandshakeType.SERVER_HELLO,
                Wire.body(sh.encode()));
        assertEquals(sh, decoded);
        // The same block with supported_versions is TLS 1.3, where ALPN is not allowed in ServerHello and
        // extended_master_secret is not recognised.
        byte[] tls13 = Wire.serverHelloBody(RANDOM, Wire.ext(ExtensionType.SUPPORTED_VERSIONS, "0304"),
                Wire.ext(ExtensionType.EXTENDED_MASTER_SECRET, ""));
        ServerHello s13 = (ServerHello) HandshakeMessageDecoder.decode(HandshakeType.SERVER_HELLO, tls13);
        assertTrue(s13.extensions().get(ExtensionType.EXTENDED_MASTER_SECRET) instanceof UnknownExtension);
        byte[] alpn13 = Wire.serverHelloBody(RANDOM, Wire.ext(ExtensionType.SUPPORTED_VERSIONS, "0304"),
                Wire.ext(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "0003 02 6832"));
        TlsAlertException e = assertThrows(TlsAlertException.class,
                () -> HandshakeMessageDecoder.decode(HandshakeType.SERVER_HELLO, alpn13));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void tls12ServerHelloMayOmitTheExtensionBlock() {
        byte[] body = Wire.concat(Wire.hex("0303"), RANDOM, Wire.hex("00 c02f 00"));
        ServerHello sh = (ServerHello) HandshakeMessageDecoder.decode(HandshakeType.SERVER_HELLO, body);
        assertTrue(sh.extensions().isEmpty());
        assertFalse(sh.isHelloRetryRequest());
    }

    @Test
    void tls12CertificateRoundTrips() {
        List<byte[]> certs = List.of(new byte[] {0x30, 1, 2}, new byte[300]);
        byte[] message = CertificateMessage.encodeTls12(certs);
        assertEquals(HandshakeType.CERTIFICATE, message[0]);
        assertArrayEquals(Wire.hex("0b 000138 000135 000003 300102 00012c"), java.util.Arrays.copyOf(message, 16));
        List<byte[]> decoded = CertificateMessage.decodeTls12(new TlsReader(Wire.body(message)));
        assertEquals(2, decoded.size());
        assertArrayEquals(certs.get(0), decoded.get(0));
        assertArrayEquals(certs.get(1), decoded.get(1));
        assertEquals(0, CertificateMessage.decodeTls12(new TlsReader(Wire.hex("000000"))).size());
        for (String bad : List.of("000003 000000", "000004 000001", "000004 000001 30 00", "0000")) {
            TlsAlertException e = assertThrows(TlsAlertException.class,
                    () -> CertificateMessage.decodeTls12(new TlsReader(Wire.hex(bad))), bad);
            assertEquals(AlertDescription.DECODE_ERROR, e.alert(), bad);
        }
    }
}
