package dev.customtls.core.message;

import static dev.customtls.core.message.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** TLS 1.2 messages (RFC 5246 section 7.4, RFC 8422, RFC 5077): round trips and malformed bodies. */
class Tls12MessageTest {
    private static final CipherSuite.KeyExchangeKind ECDHE = CipherSuite.KeyExchangeKind.ECDHE_ECDSA;
    private static final CipherSuite.KeyExchangeKind RSA = CipherSuite.KeyExchangeKind.RSA;

    static Stream<HandshakeMessage> messages() {
        return Stream.of(
                new ServerKeyExchange(0x001d, new byte[32], 0x0403, new byte[70]),
                new ServerHelloDone(),
                new HelloRequest(),
                new ClientKeyExchange(ECDHE, new byte[65]),
                new ClientKeyExchange(RSA, new byte[256]),
                new Tls12CertificateRequest(List.of(64, 1), List.of(0x0403, 0x0804), List.of(new byte[] {0x30, 0}, new byte[5])),
                new Tls12CertificateRequest(List.of(1), List.of(0x0401), List.of()),
                new Tls12NewSessionTicket(86400, new byte[100]),
                new Tls12NewSessionTicket(0, new byte[0]),
                new Tls12Certificate(List.of(new byte[] {1, 2, 3}, new byte[] {4})),
                new Tls12Certificate(List.of()),
                new Finished(new byte[12]));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTrip(HandshakeMessage m) {
        byte[] raw = m.encode();
        assertEquals(m.type(), raw[0] & 0xff);
        byte[] body = Arrays.copyOfRange(raw, 4, raw.length);
        CipherSuite.KeyExchangeKind kx = m instanceof ClientKeyExchange c ? c.keyExchange() : ECDHE;
        HandshakeMessage decoded = Tls12MessageDecoder.decode(m.type(), body, kx);
        assertEquals(m, decoded);
        assertArrayEquals(raw, decoded.encode());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // ServerKeyExchange: explicit curves are refused; empty point; truncation; trailing bytes
                Arguments.of(HandshakeType.SERVER_KEY_EXCHANGE, "01 001d 01 aa 0403 0000", ECDHE, AlertDescription.ILLEGAL_PARAMETER),
                Arguments.of(HandshakeType.SERVER_KEY_EXCHANGE, "03 001d 00 0403 0000", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.SERVER_KEY_EXCHANGE, "03 001d 02 aa", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.SERVER_KEY_EXCHANGE, "03 001d 01 aa 0403 0001", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.SERVER_KEY_EXCHANGE, "03 001d 01 aa 0403 0000 ff", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.SERVER_KEY_EXCHANGE, "", ECDHE, AlertDescription.DECODE_ERROR),
                // ServerHelloDone and HelloRequest are empty
                Arguments.of(HandshakeType.SERVER_HELLO_DONE, "00", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.HELLO_REQUEST, "00", ECDHE, AlertDescription.DECODE_ERROR),
                // ClientKeyExchange: empty, length mismatch, wrong form for the key exchange, no key exchange yet
                Arguments.of(HandshakeType.CLIENT_KEY_EXCHANGE, "00", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CLIENT_KEY_EXCHANGE, "0000", RSA, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CLIENT_KEY_EXCHANGE, "05 aabb", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CLIENT_KEY_EXCHANGE, "02 aabb", RSA, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CLIENT_KEY_EXCHANGE, "01 aa ff", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CLIENT_KEY_EXCHANGE, "01 aa", null, AlertDescription.UNEXPECTED_MESSAGE),
                // CertificateRequest: no types, odd or empty schemes, empty DN, trailing bytes
                Arguments.of(HandshakeType.CERTIFICATE_REQUEST, "00 0002 0403 0000", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CERTIFICATE_REQUEST, "01 40 0003 0403 00 0000", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CERTIFICATE_REQUEST, "01 40 0000 0000", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CERTIFICATE_REQUEST, "01 40 0002 0403 0002 0000", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CERTIFICATE_REQUEST, "01 40 0002 0403 0000 00", ECDHE, AlertDescription.DECODE_ERROR),
                // NewSessionTicket: truncated hint or ticket
                Arguments.of(HandshakeType.NEW_SESSION_TICKET, "000000", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.NEW_SESSION_TICKET, "00000001 0003 aa", ECDHE, AlertDescription.DECODE_ERROR),
                // Certificate: an empty ASN.1Cert, a bad list length
                Arguments.of(HandshakeType.CERTIFICATE, "000003 000000", ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.CERTIFICATE, "000005 000001 aa", ECDHE, AlertDescription.DECODE_ERROR),
                // Finished must be 12 bytes
                Arguments.of(HandshakeType.FINISHED, "00".repeat(11), ECDHE, AlertDescription.DECODE_ERROR),
                Arguments.of(HandshakeType.FINISHED, "00".repeat(32), ECDHE, AlertDescription.DECODE_ERROR),
                // TLS 1.3-only messages are unexpected in TLS 1.2
                Arguments.of(HandshakeType.ENCRYPTED_EXTENSIONS, "0000", ECDHE, AlertDescription.UNEXPECTED_MESSAGE),
                Arguments.of(HandshakeType.KEY_UPDATE, "00", ECDHE, AlertDescription.UNEXPECTED_MESSAGE),
                Arguments.of(HandshakeType.END_OF_EARLY_DATA, "", ECDHE, AlertDescription.UNEXPECTED_MESSAGE));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedBodies(int type, String bodyHex, CipherSuite.KeyExchangeKind kx, AlertDescription alert) {
        TlsAlertException e = assertThrows(TlsAlertException.class,
                () -> Tls12MessageDecoder.decode(type, hex(bodyHex), kx));
        assertEquals(alert, e.alert());
    }
}
