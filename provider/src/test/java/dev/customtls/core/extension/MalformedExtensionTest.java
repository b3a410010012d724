package dev.customtls.core.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed extension data, one extension per block, each with the exact alert. */
class MalformedExtensionTest {
    private static final AlertDescription DECODE = AlertDescription.DECODE_ERROR;
    private static final AlertDescription ILLEGAL = AlertDescription.ILLEGAL_PARAMETER;
    private static final ExtensionContext CH = ExtensionContext.CLIENT_HELLO;
    private static final ExtensionContext SH = ExtensionContext.SERVER_HELLO;
    private static final ExtensionContext HRR = ExtensionContext.HELLO_RETRY_REQUEST;
    private static final ExtensionContext EE = ExtensionContext.ENCRYPTED_EXTENSIONS;
    private static final ExtensionContext NST = ExtensionContext.NEW_SESSION_TICKET;
    private static final ExtensionContext CR = ExtensionContext.CERTIFICATE_REQUEST;
    private static final ExtensionContext SH12 = ExtensionContext.TLS12_SERVER_HELLO;

    static Stream<Arguments> malformed() {
        String binder = "20" + "ab".repeat(32);
        return Stream.of(
                arguments(CH, ExtensionType.SERVER_NAME, "", DECODE),
                arguments(CH, ExtensionType.SERVER_NAME, "0000", DECODE),
                arguments(CH, ExtensionType.SERVER_NAME, "0003 00 0000", DECODE),
                arguments(CH, ExtensionType.SERVER_NAME, "0004 01 0001 61", DECODE),
                arguments(CH, ExtensionType.SERVER_NAME, "0004 00 0001 80", ILLEGAL),
                arguments(CH, ExtensionType.SERVER_NAME, "0004 00 0001 00", ILLEGAL),
                arguments(CH, ExtensionType.SERVER_NAME, "0004 00 0002 61", DECODE),
                arguments(EE, ExtensionType.SERVER_NAME, "00", DECODE),
                arguments(CH, ExtensionType.SUPPORTED_GROUPS, "0001 00", DECODE),
                arguments(CH, ExtensionType.SUPPORTED_GROUPS, "0002 001d 00", DECODE),
                arguments(CH, ExtensionType.SIGNATURE_ALGORITHMS, "0000", DECODE),
                arguments(CH, ExtensionType.SIGNATURE_ALGORITHMS, "0003 080408", DECODE),
                arguments(CH, ExtensionType.SIGNATURE_ALGORITHMS_CERT, "", DECODE),
                arguments(CH, ExtensionType.SUPPORTED_VERSIONS, "00", DECODE),
                arguments(CH, ExtensionType.SUPPORTED_VERSIONS, "03 030403", DECODE),
                arguments(CH, ExtensionType.SUPPORTED_VERSIONS, "0304", DECODE),
                arguments(SH, ExtensionType.SUPPORTED_VERSIONS, "03", DECODE),
                arguments(SH, ExtensionType.SUPPORTED_VERSIONS, "02 0304", DECODE),
                arguments(CH, ExtensionType.KEY_SHARE, "", DECODE),
                arguments(CH, ExtensionType.KEY_SHARE, "0003 001d 00", DECODE),
                arguments(CH, ExtensionType.KEY_SHARE, "0004 001d 0000", DECODE),
                arguments(CH, ExtensionType.KEY_SHARE, "000a 001d 0001 01 0017 0001 02 00", DECODE),
                arguments(CH, ExtensionType.KEY_SHARE, "000a 001d 0001 01 001d 0001 02", ILLEGAL),
                arguments(SH, ExtensionType.KEY_SHARE, "001d 0000", DECODE),
                arguments(SH, ExtensionType.KEY_SHARE, "001d 0001 01 00", DECODE),
                arguments(HRR, ExtensionType.KEY_SHARE, "001d 00", DECODE),
                arguments(HRR, ExtensionType.KEY_SHARE, "00", DECODE),
                arguments(CH, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "0000", DECODE),
                arguments(CH, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "0001 00", DECODE),
                arguments(CH, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "0003 05 6832", DECODE),
                arguments(EE, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "0006 02 6832 02 6833", DECODE),
                arguments(SH12, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "0000", DECODE),
                arguments(HRR, ExtensionType.COOKIE, "0000", DECODE),
                arguments(HRR, ExtensionType.COOKIE, "0002 01", DECODE),
                arguments(CH, ExtensionType.PSK_KEY_EXCHANGE_MODES, "00", DECODE),
                arguments(CH, ExtensionType.PSK_KEY_EXCHANGE_MODES, "02 01", DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "", DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "0000 0021 " + binder, DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "0006 0000 00000000 0021 " + binder, DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "0007 0001 01 00000000 0000", DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "0007 0001 01 00000000 0020 1f" + "00".repeat(31),
                        DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "0007 0001 01 00000000 0042 " + binder + binder,
                        DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "0007 0001 01 00000000 0021 " + binder + "00", DECODE),
                arguments(CH, ExtensionType.PRE_SHARED_KEY, "0007 0001 01 000000 0021 " + binder, DECODE),
                arguments(SH, ExtensionType.PRE_SHARED_KEY, "00", DECODE),
                arguments(SH, ExtensionType.PRE_SHARED_KEY, "000000", DECODE),
                arguments(CH, ExtensionType.EARLY_DATA, "00", DECODE),
                arguments(EE, ExtensionType.EARLY_DATA, "00000000", DECODE),
                arguments(NST, ExtensionType.EARLY_DATA, "", DECODE),
                arguments(NST, ExtensionType.EARLY_DATA, "0000000000", DECODE),
                arguments(CH, ExtensionType.RECORD_SIZE_LIMIT, "0000", ILLEGAL),
                arguments(EE, ExtensionType.RECORD_SIZE_LIMIT, "003f", ILLEGAL),
                arguments(EE, ExtensionType.RECORD_SIZE_LIMIT, "40", DECODE),
                arguments(EE, ExtensionType.RECORD_SIZE_LIMIT, "400100", DECODE),
                arguments(CH, ExtensionType.EXTENDED_MASTER_SECRET, "00", DECODE),
                arguments(SH12, ExtensionType.RENEGOTIATION_INFO, "", DECODE),
                arguments(SH12, ExtensionType.RENEGOTIATION_INFO, "02 00", DECODE),
                arguments(SH12, ExtensionType.RENEGOTIATION_INFO, "00 00", DECODE),
                arguments(CH, ExtensionType.EC_POINT_FORMATS, "00", DECODE),
                arguments(CH, ExtensionType.EC_POINT_FORMATS, "", DECODE),
                arguments(CH, ExtensionType.POST_HANDSHAKE_AUTH, "00", DECODE),
                arguments(CR, ExtensionType.CERTIFICATE_AUTHORITIES, "0000", DECODE),
                arguments(CR, ExtensionType.CERTIFICATE_AUTHORITIES, "0002 0000", DECODE),
                arguments(CR, ExtensionType.CERTIFICATE_AUTHORITIES, "0004 0003 30", DECODE),
                // recognised, but not in this message (RFC 8446 section 4.2)
                arguments(EE, ExtensionType.KEY_SHARE, "001d 0001 01", ILLEGAL),
                arguments(SH, ExtensionType.SUPPORTED_GROUPS, "0002 001d", ILLEGAL),
                arguments(SH, ExtensionType.COOKIE, "0001 01", ILLEGAL),
                arguments(SH, ExtensionType.SERVER_NAME, "", ILLEGAL),
                arguments(SH, ExtensionType.EARLY_DATA, "", ILLEGAL),
                arguments(HRR, ExtensionType.PRE_SHARED_KEY, "0000", ILLEGAL),
                arguments(HRR, ExtensionType.SERVER_NAME, "", ILLEGAL),
                arguments(EE, ExtensionType.POST_HANDSHAKE_AUTH, "", ILLEGAL),
                arguments(EE, ExtensionType.PSK_KEY_EXCHANGE_MODES, "01 01", ILLEGAL),
                arguments(EE, ExtensionType.SIGNATURE_ALGORITHMS_CERT, "0002 0804", ILLEGAL),
                arguments(EE, ExtensionType.CERTIFICATE_AUTHORITIES, "0003 0001 30", ILLEGAL),
                arguments(NST, ExtensionType.SERVER_NAME, "", ILLEGAL),
                arguments(CR, ExtensionType.SUPPORTED_GROUPS, "0002 001d", ILLEGAL),
                arguments(ExtensionContext.CERTIFICATE, ExtensionType.SIGNATURE_ALGORITHMS, "0002 0804", ILLEGAL),
                arguments(SH12, ExtensionType.SUPPORTED_VERSIONS, "0304", ILLEGAL),
                arguments(SH12, ExtensionType.PRE_SHARED_KEY, "0000", ILLEGAL),
                arguments(SH12, ExtensionType.SUPPORTED_GROUPS, "0002 001d", ILLEGAL));
    }

    @ParameterizedTest(name = "{1} \"{2}\" in {0}")
    @MethodSource("malformed")
    void raisesTheExactAlert(ExtensionContext ctx, int type, String dataHex, AlertDescription expected) {
        byte[] data = HexFormat.of().parseHex(dataHex.replace(" ", ""));
        TlsWriter w = new TlsWriter();
        int mark = w.startVector16();
        w.u16(type).opaque16(data);
        w.endVector16(mark);
        TlsAlertException e = assertThrows(TlsAlertException.class,
                () -> Extensions.decode(new TlsReader(w.toByteArray()), ctx));
        assertEquals(expected, e.alert(), e.getMessage());
    }
}
