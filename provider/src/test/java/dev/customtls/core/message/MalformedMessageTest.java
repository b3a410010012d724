package dev.customtls.core.message;

import static dev.customtls.core.message.Wire.block;
import static dev.customtls.core.message.Wire.body;
import static dev.customtls.core.message.Wire.clientHelloBody;
import static dev.customtls.core.message.Wire.clientHelloPrefix;
import static dev.customtls.core.message.Wire.concat;
import static dev.customtls.core.message.Wire.ext;
import static dev.customtls.core.message.Wire.hex;
import static dev.customtls.core.message.Wire.serverHelloBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.Extensions;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed handshake messages, each with the exact alert it must raise. */
class MalformedMessageTest {
    private static final AlertDescription DECODE = AlertDescription.DECODE_ERROR;
    private static final AlertDescription ILLEGAL = AlertDescription.ILLEGAL_PARAMETER;

    private static final byte[] RANDOM = new byte[32];
    private static final byte[] SV_TLS13 = ext(ExtensionType.SUPPORTED_VERSIONS, "0304");
    private static final byte[] KS_SH = ext(ExtensionType.KEY_SHARE, "001d 0004 01020304");
    private static final byte[] SIG_ALGS = ext(ExtensionType.SIGNATURE_ALGORITHMS, "0004 0804 0403");
    private static final byte[] PSK_CH = ext(ExtensionType.PRE_SHARED_KEY,
            "0009 0003 aabbcc 00000001 0021 20" + "11".repeat(32));

    static Stream<Arguments> malformed() {
        byte[] ch = body(Rfc8448.CLIENT_HELLO);
        return Stream.of(
                // ClientHello structure (RFC 8446 section 4.1.2)
                arguments("CH trailing byte", HandshakeType.CLIENT_HELLO, concat(ch, hex("00")), DECODE),
                arguments("CH random of 31 bytes", HandshakeType.CLIENT_HELLO,
                        concat(hex("0303"), new byte[31], hex("00 0002 1301 0100 0000")), DECODE),
                arguments("CH session id of 33 bytes", HandshakeType.CLIENT_HELLO,
                        concat(hex("0303"), RANDOM, hex("21"), new byte[33], hex("0002 1301 0100 0000")), DECODE),
                arguments("CH odd cipher_suites", HandshakeType.CLIENT_HELLO,
                        concat(hex("0303"), RANDOM, hex("00 0003 130113 0100 0000")), DECODE),
                arguments("CH empty cipher_suites", HandshakeType.CLIENT_HELLO,
                        concat(hex("0303"), RANDOM, hex("00 0000 0100 0000")), DECODE),
                arguments("CH empty compression", HandshakeType.CLIENT_HELLO,
                        concat(hex("0303"), RANDOM, hex("00 0002 1301 00 0000")), DECODE),
                arguments("CH suites length beyond body", HandshakeType.CLIENT_HELLO,
                        concat(hex("0303"), RANDOM, hex("00 00ff 1301")), DECODE),
                arguments("CH extension block longer than body", HandshakeType.CLIENT_HELLO,
                        concat(clientHelloPrefix(), hex("0010 0000 0000")), DECODE),
                arguments("CH one stray byte instead of a block", HandshakeType.CLIENT_HELLO,
                        concat(clientHelloPrefix(), hex("00")), DECODE),
                arguments("CH extension data beyond its block", HandshakeType.CLIENT_HELLO,
                        concat(clientHelloPrefix(), hex("0004 000a 0010")), DECODE),
                arguments("CH duplicate extension", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(SIG_ALGS, SIG_ALGS), ILLEGAL),
                arguments("CH duplicate unknown extension", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(0x1234, ""), ext(0x1234, "00")), ILLEGAL),
                arguments("CH pre_shared_key not last", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(PSK_CH, SIG_ALGS), ILLEGAL),
                arguments("CH odd supported_groups", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.SUPPORTED_GROUPS, "0003 001d00")), DECODE),
                arguments("CH empty supported_groups", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.SUPPORTED_GROUPS, "0000")), DECODE),
                arguments("CH supported_groups vector beyond its data", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.SUPPORTED_GROUPS, "0004 001d")), DECODE),
                arguments("CH trailing byte inside supported_versions", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.SUPPORTED_VERSIONS, "02 0304 00")), DECODE),
                arguments("CH two key shares for one group", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.KEY_SHARE, "000c 001d 0002 0102 001d 0002 0304")), ILLEGAL),
                arguments("CH key share with empty key_exchange", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.KEY_SHARE, "0004 001d 0000")), DECODE),
                arguments("CH psk binder of 31 bytes", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.PRE_SHARED_KEY,
                                "0009 0003 aabbcc 00000001 0020 1f" + "11".repeat(31))), DECODE),
                arguments("CH psk with more binders than identities", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.PRE_SHARED_KEY,
                                "0009 0003 aabbcc 00000001 0042 20" + "11".repeat(32) + "20" + "22".repeat(32))),
                        DECODE),
                arguments("CH psk without identities", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.PRE_SHARED_KEY, "0000 0021 20" + "11".repeat(32))),
                        DECODE),
                arguments("CH record_size_limit 63", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.RECORD_SIZE_LIMIT, "003f")), ILLEGAL),
                arguments("CH two host names", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.SERVER_NAME, "0008 00 0001 61 00 0001 62")), ILLEGAL),
                arguments("CH cookie empty", HandshakeType.CLIENT_HELLO,
                        clientHelloBody(ext(ExtensionType.COOKIE, "0000")), DECODE),
                // ServerHello / HelloRetryRequest (section 4.1.3)
                arguments("SH supported_groups", HandshakeType.SERVER_HELLO,
                        serverHelloBody(RANDOM, SV_TLS13, ext(ExtensionType.SUPPORTED_GROUPS, "0002 001d")), ILLEGAL),
                arguments("SH cookie", HandshakeType.SERVER_HELLO,
                        serverHelloBody(RANDOM, SV_TLS13, ext(ExtensionType.COOKIE, "0001 01")), ILLEGAL),
                arguments("SH supported_versions with 3 bytes", HandshakeType.SERVER_HELLO,
                        serverHelloBody(RANDOM, ext(ExtensionType.SUPPORTED_VERSIONS, "030400")), DECODE),
                arguments("SH trailing byte", HandshakeType.SERVER_HELLO,
                        concat(serverHelloBody(RANDOM, SV_TLS13, KS_SH), hex("00")), DECODE),
                arguments("SH session id echo of 33 bytes", HandshakeType.SERVER_HELLO,
                        concat(hex("0303"), RANDOM, hex("21"), new byte[33], hex("1301 00 0000")), DECODE),
                arguments("TLS 1.2 SH with key_share", HandshakeType.SERVER_HELLO, serverHelloBody(RANDOM, KS_SH),
                        ILLEGAL),
                arguments("TLS 1.2 SH with two ALPN names", HandshakeType.SERVER_HELLO,
                        serverHelloBody(RANDOM, ext(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                                "0006 02 6832 02 6833")), DECODE),
                arguments("HRR pre_shared_key", HandshakeType.SERVER_HELLO,
                        serverHelloBody(ServerHello.helloRetryRequestRandom(), SV_TLS13,
                                ext(ExtensionType.PRE_SHARED_KEY, "0000")), ILLEGAL),
                arguments("HRR without extension block", HandshakeType.SERVER_HELLO,
                        concat(hex("0303"), ServerHello.helloRetryRequestRandom(), hex("00 1301 00")), DECODE),
                // EncryptedExtensions (section 4.3.1)
                arguments("EE key_share", HandshakeType.ENCRYPTED_EXTENSIONS, block(KS_SH), ILLEGAL),
                arguments("EE supported_versions", HandshakeType.ENCRYPTED_EXTENSIONS, block(SV_TLS13), ILLEGAL),
                arguments("EE signature_algorithms", HandshakeType.ENCRYPTED_EXTENSIONS, block(SIG_ALGS), ILLEGAL),
                arguments("EE two ALPN names", HandshakeType.ENCRYPTED_EXTENSIONS,
                        block(ext(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "0006 02 6832 02 6833")),
                        DECODE),
                arguments("EE server_name with data", HandshakeType.ENCRYPTED_EXTENSIONS,
                        block(ext(ExtensionType.SERVER_NAME, "0000")), DECODE),
                arguments("EE early_data with a size", HandshakeType.ENCRYPTED_EXTENSIONS,
                        block(ext(ExtensionType.EARLY_DATA, "00000400")), DECODE),
                arguments("EE missing block", HandshakeType.ENCRYPTED_EXTENSIONS, hex(""), DECODE),
                arguments("EE trailing byte", HandshakeType.ENCRYPTED_EXTENSIONS, hex("0000 00"), DECODE),
                // Certificate, CertificateRequest, CertificateVerify (sections 4.4.2, 4.3.2, 4.4.3)
                arguments("Certificate empty cert_data", HandshakeType.CERTIFICATE, hex("00 000005 000000 0000"),
                        DECODE),
                arguments("Certificate entry key_share", HandshakeType.CERTIFICATE,
                        concat(hex("00 000012 000001 30"), block(KS_SH)), ILLEGAL),
                arguments("Certificate list beyond body", HandshakeType.CERTIFICATE, hex("00 000010 000001 30 0000"),
                        DECODE),
                arguments("CertificateRequest without signature_algorithms", HandshakeType.CERTIFICATE_REQUEST,
                        hex("00 0000"), AlertDescription.MISSING_EXTENSION),
                arguments("CertificateRequest with key_share", HandshakeType.CERTIFICATE_REQUEST,
                        concat(hex("00"), block(SIG_ALGS, KS_SH)), ILLEGAL),
                arguments("CertificateVerify truncated signature", HandshakeType.CERTIFICATE_VERIFY,
                        hex("0804 0004 0102"), DECODE),
                arguments("CertificateVerify trailing byte", HandshakeType.CERTIFICATE_VERIFY,
                        hex("0804 0001 01 00"), DECODE),
                // KeyUpdate, NewSessionTicket, EndOfEarlyData (sections 4.6.3, 4.6.1, 4.5)
                arguments("KeyUpdate value 2", HandshakeType.KEY_UPDATE, hex("02"), ILLEGAL),
                arguments("KeyUpdate empty", HandshakeType.KEY_UPDATE, hex(""), DECODE),
                arguments("KeyUpdate two bytes", HandshakeType.KEY_UPDATE, hex("0100"), DECODE),
                arguments("NST empty ticket", HandshakeType.NEW_SESSION_TICKET,
                        hex("0000001e 00000001 00 0000 0000"), DECODE),
                arguments("NST early_data without size", HandshakeType.NEW_SESSION_TICKET,
                        hex("0000001e 00000001 00 0001 aa 0004 002a 0000"), DECODE),
                arguments("NST key_share", HandshakeType.NEW_SESSION_TICKET,
                        concat(hex("0000001e 00000001 00 0001 aa"), block(KS_SH)), ILLEGAL),
                arguments("EndOfEarlyData with a byte", HandshakeType.END_OF_EARLY_DATA, hex("00"), DECODE),
                // Types (section 4)
                arguments("unknown type 3", 3, hex(""), AlertDescription.UNEXPECTED_MESSAGE),
                arguments("hello_request", HandshakeType.HELLO_REQUEST, hex(""), AlertDescription.UNEXPECTED_MESSAGE),
                arguments("server_key_exchange", HandshakeType.SERVER_KEY_EXCHANGE, hex("00"),
                        AlertDescription.UNEXPECTED_MESSAGE),
                arguments("message_hash", HandshakeType.MESSAGE_HASH, new byte[32],
                        AlertDescription.UNEXPECTED_MESSAGE),
                arguments("type 255", 255, hex(""), AlertDescription.UNEXPECTED_MESSAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void raisesTheExactAlert(String name, int type, byte[] body, AlertDescription expected) {
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> HandshakeMessageDecoder.decode(type, body));
        assertEquals(expected, e.alert(), e.getMessage());
        assertTrue(!e.isReceived());
    }

    /**
     * Every strict prefix of the RFC 8448 ClientHello is a decode_error, except the one that ends right after
     * the compression methods: that is a valid ClientHello without extensions (RFC 5246 section 7.4.1.2).
     */
    @Test
    void everyTruncationOfTheClientHelloIsADecodeError() {
        byte[] ch = body(Rfc8448.CLIENT_HELLO);
        int endOfCompression = 2 + 32 + 1 + 2 + 6 + 2;
        for (int len = 0; len < ch.length; len++) {
            byte[] prefix = Arrays.copyOf(ch, len);
            if (len == endOfCompression) {
                ClientHello c = (ClientHello) HandshakeMessageDecoder.decode(HandshakeType.CLIENT_HELLO, prefix);
                assertEquals(Extensions.EMPTY, c.extensions());
                continue;
            }
            TlsAlertException e = assertThrows(TlsAlertException.class,
                    () -> HandshakeMessageDecoder.decode(HandshakeType.CLIENT_HELLO, prefix), "length " + len);
            assertEquals(AlertDescription.DECODE_ERROR, e.alert(), "length " + len);
        }
    }

    @Test
    void everyTruncationOfTheOtherRfc8448MessagesIsADecodeError() {
        for (byte[] message : new byte[][] {Rfc8448.SERVER_HELLO, Rfc8448.ENCRYPTED_EXTENSIONS,
                Rfc8448.CERTIFICATE, Rfc8448.CERTIFICATE_VERIFY, Rfc8448.NEW_SESSION_TICKET,
                Rfc8448.RESUMED_CLIENT_HELLO}) {
            byte[] body = body(message);
            int type = message[0] & 0xff;
            for (int len = 0; len < body.length; len++) {
                byte[] prefix = Arrays.copyOf(body, len);
                if (type == HandshakeType.SERVER_HELLO && len == 2 + 32 + 1 + 2 + 1) {
                    continue; // a TLS 1.2 ServerHello without extensions
                }
                if (type == HandshakeType.CLIENT_HELLO && len == 2 + 32 + 1 + 2 + 6 + 2) {
                    continue;
                }
                TlsAlertException e = assertThrows(TlsAlertException.class,
                        () -> HandshakeMessageDecoder.decode(type, prefix), "type " + type + " length " + len);
                assertEquals(AlertDescription.DECODE_ERROR, e.alert(), "type " + type + " length " + len);
            }
        }
    }
}
