package dev.customtls.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.error.TlsAlertException;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordHeaderTest {

    @Test
    void writeThenRead() {
        byte[] b = new byte[8];
        RecordHeader.write(b, 2, 22, 0x0301, 0x1234);
        assertEquals("0000160301123400", Hex.encode(b));
        assertEquals(22, RecordHeader.contentType(b, 2));
        assertEquals(0x0301, RecordHeader.legacyVersion(b, 2));
        assertEquals(0x1234, RecordHeader.fragmentLength(b, 2, 0xffff));
    }

    @Test
    void acceptsEveryKnownTypeAndAnyMinorVersion() {
        for (int type = 20; type <= 23; type++) {
            for (int minor = 0; minor <= 4; minor++) {
                byte[] b = {(byte) type, 3, (byte) minor, 0x40, 0x00};
                assertEquals(RecordHeader.MAX_PLAINTEXT, RecordHeader.fragmentLength(b, 0, RecordHeader.MAX_PLAINTEXT));
            }
        }
        assertEquals(0, RecordHeader.fragmentLength(new byte[] {23, 3, 3, 0, 0}, 0, RecordHeader.MAX_PLAINTEXT));
        assertEquals(RecordHeader.MAX_TLS12_CIPHERTEXT, RecordHeader.fragmentLength(
                new byte[] {23, 3, 3, 0x48, 0x00}, 0, RecordHeader.MAX_TLS12_CIPHERTEXT));
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of(
                Arguments.of("major version 0x47 ('G' of GET)", Hex.decode("16 47 03 00 10"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.DECODE_ERROR),
                Arguments.of("plaintext HTTP request", "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.DECODE_ERROR),
                Arguments.of("major version 2", Hex.decode("16 02 00 00 10"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.DECODE_ERROR),
                Arguments.of("SSLv2 ClientHello", Hex.decode("80 2e 01 03 01"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.DECODE_ERROR),
                Arguments.of("content type 0", Hex.decode("00 03 03 00 10"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.UNEXPECTED_MESSAGE),
                Arguments.of("content type 24 (heartbeat)", Hex.decode("18 03 03 00 10"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.UNEXPECTED_MESSAGE),
                Arguments.of("content type 19", Hex.decode("13 03 03 00 10"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.UNEXPECTED_MESSAGE),
                Arguments.of("content type 255", Hex.decode("ff 03 03 00 10"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.UNEXPECTED_MESSAGE),
                Arguments.of("plaintext 2^14+1", Hex.decode("16 03 03 40 01"),
                        RecordHeader.MAX_PLAINTEXT, AlertDescription.RECORD_OVERFLOW),
                Arguments.of("TLS 1.3 ciphertext 2^14+257", Hex.decode("17 03 03 41 01"),
                        RecordHeader.MAX_TLS13_CIPHERTEXT, AlertDescription.RECORD_OVERFLOW),
                Arguments.of("TLS 1.2 ciphertext 2^14+2049", Hex.decode("17 03 03 48 01"),
                        RecordHeader.MAX_TLS12_CIPHERTEXT, AlertDescription.RECORD_OVERFLOW),
                Arguments.of("length 65535", Hex.decode("17 03 03 ff ff"),
                        RecordHeader.MAX_TLS12_CIPHERTEXT, AlertDescription.RECORD_OVERFLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeaders")
    void malformedHeaderRaisesExactAlert(String name, byte[] header, int max, AlertDescription expected) {
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> RecordHeader.fragmentLength(header, 0, max));
        assertEquals(expected, e.alert(), e.getMessage());
    }

    @Test
    void plaintextHttpIsNamedInTheMessage() {
        byte[] get = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        TlsAlertException e = assertThrows(TlsAlertException.class,
                () -> RecordHeader.fragmentLength(get, 0, RecordHeader.MAX_PLAINTEXT));
        assertTrue(e.getMessage().contains("Not a TLS record"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP"), e.getMessage());
    }
}
