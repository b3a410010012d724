package dev.customtls.core.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.extension.EarlyDataExtension;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.extension.PreSharedKeyClientHello;
import dev.customtls.core.extension.PskKeyExchangeModesExtension;
import dev.customtls.core.extension.RecordSizeLimitExtension;
import dev.customtls.core.extension.RenegotiationInfoExtension;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SessionTicketExtension;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.extension.SupportedVersionsClientHello;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.extension.UnknownExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes the RFC 8448 messages, checks their fields and re-encodes them to the exact bytes. */
class Rfc8448MessagesTest {

    static List<byte[]> messages() {
        return List.of(Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO, Rfc8448.ENCRYPTED_EXTENSIONS,
                Rfc8448.CERTIFICATE, Rfc8448.CERTIFICATE_VERIFY, Rfc8448.SERVER_FINISHED,
                Rfc8448.NEW_SESSION_TICKET, Rfc8448.RESUMED_CLIENT_HELLO);
    }

    private static HandshakeMessage decode(byte[] message) {
        return HandshakeMessageDecoder.decode(message[0] & 0xff, Wire.body(message));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void reencodesToTheExactBytes(byte[] message) {
        int declared = ((message[1] & 0xff) << 16) | ((message[2] & 0xff) << 8) | (message[3] & 0xff);
        assertEquals(message.length - 4, declared, "transcription of the vector");
        HandshakeMessage decoded = decode(message);
        assertEquals(message[0] & 0xff, decoded.type());
        assertArrayEquals(message, decoded.encode());
        assertEquals(decoded, decode(decoded.encode()));
    }

    @Test
    void clientHelloFields() {
        ClientHello ch = (ClientHello) decode(Rfc8448.CLIENT_HELLO);
        assertEquals(0x0303, ch.legacyVersion());
        assertArrayEquals(Wire.hex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"), ch.random());
        assertEquals(0, ch.legacySessionId().length);
        assertEquals(List.of(0x1301, 0x1303, 0x1302), ch.cipherSuites());
        assertArrayEquals(new byte[] {0}, ch.legacyCompressionMethods());
        assertEquals(List.of(ExtensionType.SERVER_NAME, ExtensionType.RENEGOTIATION_INFO,
                ExtensionType.SUPPORTED_GROUPS, ExtensionType.SESSION_TICKET, ExtensionType.KEY_SHARE,
                ExtensionType.SUPPORTED_VERSIONS, ExtensionType.SIGNATURE_ALGORITHMS,
                ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.RECORD_SIZE_LIMIT), ch.extensions().types());
        var e = ch.extensions();
        assertEquals(List.of("server"), e.get(ServerNameExtension.class).hostNames());
        assertEquals(0, e.get(RenegotiationInfoExtension.class).renegotiatedConnection().length);
        assertEquals(List.of(0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104),
                e.get(SupportedGroupsExtension.class).groups());
        assertEquals(0, e.get(SessionTicketExtension.class).ticket().length);
        KeyShareClientHello ks = e.get(KeyShareClientHello.class);
        assertEquals(1, ks.shares().size());
        assertEquals(0x001d, ks.shares().get(0).group());
        assertArrayEquals(Wire.hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"),
                ks.shareFor(0x001d).keyExchange());
        assertEquals(List.of(0x0304), e.get(SupportedVersionsClientHello.class).versions());
        assertEquals(List.of(0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
                0x0201, 0x0402, 0x0502, 0x0602, 0x0202), e.get(SignatureAlgorithmsExtension.class).schemes());
        assertEquals(List.of(1), e.get(PskKeyExchangeModesExtension.class).modes());
        assertEquals(0x4001, e.get(RecordSizeLimitExtension.class).limit());
    }

    @Test
    void serverHelloFields() {
        ServerHello sh = (ServerHello) decode(Rfc8448.SERVER_HELLO);
        assertFalse(sh.isHelloRetryRequest());
        assertEquals(0x0303, sh.legacyVersion());
        assertArrayEquals(Wire.hex("a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928"), sh.random());
        assertEquals(0x1301, sh.cipherSuite());
        assertEquals(0, sh.legacyCompressionMethod());
        assertEquals(List.of(ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_VERSIONS), sh.extensions().types());
        KeyShareEntry share = sh.extensions().get(KeyShareServerHello.class).share();
        assertEquals(0x001d, share.group());
        assertArrayEquals(Wire.hex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"),
                share.keyExchange());
        assertEquals(0x0304, sh.extensions().get(SupportedVersionsServerHello.class).selectedVersion());
    }

    @Test
    void encryptedExtensionsFields() {
        EncryptedExtensions ee = (EncryptedExtensions) decode(Rfc8448.ENCRYPTED_EXTENSIONS);
        assertEquals(List.of(ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT,
                ExtensionType.SERVER_NAME), ee.extensions().types());
        assertEquals(List.of(), ee.extensions().get(ServerNameExtension.class).hostNames());
        assertEquals(0x4001, ee.extensions().get(RecordSizeLimitExtension.class).limit());
    }

    @Test
    void certificateFlightFields() {
        CertificateMessage cert = (CertificateMessage) decode(Rfc8448.CERTIFICATE);
        assertEquals(0, cert.requestContext().length);
        assertEquals(1, cert.entries().size());
        assertEquals(432, cert.entries().get(0).certData().length);
        assertTrue(cert.entries().get(0).extensions().isEmpty());
        CertificateVerify cv = (CertificateVerify) decode(Rfc8448.CERTIFICATE_VERIFY);
        assertEquals(0x0804, cv.signatureScheme());
        assertEquals(128, cv.signature().length);
        Finished fin = (Finished) decode(Rfc8448.SERVER_FINISHED);
        assertEquals(32, fin.verifyData().length);
    }

    @Test
    void newSessionTicketFields() {
        NewSessionTicket nst = (NewSessionTicket) decode(Rfc8448.NEW_SESSION_TICKET);
        assertEquals(30, nst.lifetime());
        assertEquals(0xfad6aac5L, nst.ageAdd());
        assertArrayEquals(new byte[2], nst.nonce());
        assertEquals(178, nst.ticket().length);
        assertEquals(1024, nst.extensions().get(EarlyDataExtension.class).maxEarlyDataSize());
    }

    @Test
    void resumedClientHelloCarriesPskLastAndPaddingAsUnknown() {
        ClientHello ch = (ClientHello) decode(Rfc8448.RESUMED_CLIENT_HELLO);
        List<Integer> types = ch.extensions().types();
        assertEquals(ExtensionType.PRE_SHARED_KEY, types.get(types.size() - 1));
        assertTrue(ch.extensions().get(EarlyDataExtension.class).isIndication());
        UnknownExtension padding = (UnknownExtension) ch.extensions().get(ExtensionType.PADDING);
        assertEquals(0x57, padding.data().length);
        PreSharedKeyClientHello psk = ch.extensions().get(PreSharedKeyClientHello.class);
        assertEquals(1, psk.identities().size());
        assertEquals(178, psk.identities().get(0).identity().length);
        assertEquals(0xfad6aacbL, psk.identities().get(0).obfuscatedTicketAge());
        assertArrayEquals(Wire.hex("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d"),
                psk.binders().get(0));
        assertEquals(35, psk.bindersEncodedLength());
        // The truncated ClientHello of RFC 8446 section 4.2.11.2 ends just before the binders vector.
        byte[] truncated = Arrays.copyOf(Rfc8448.RESUMED_CLIENT_HELLO,
                Rfc8448.RESUMED_CLIENT_HELLO.length - psk.bindersEncodedLength());
        assertArrayEquals(Wire.hex("fad6aacb"), Arrays.copyOfRange(truncated, truncated.length - 4, truncated.length));
    }

    @Test
    void helloRetryRequestRandomIsSha256OfItsName() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest("HelloRetryRequest".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, ServerHello.HELLO_RETRY_REQUEST_RANDOM);
        assertArrayEquals(expected, ServerHello.helloRetryRequestRandom());
    }

    @Test
    void toStringDoesNotPrintKeyMaterial() {
        String s = decode(Rfc8448.CLIENT_HELLO).toString() + decode(Rfc8448.SERVER_HELLO)
                + decode(Rfc8448.NEW_SESSION_TICKET) + decode(Rfc8448.RESUMED_CLIENT_HELLO)
                + decode(Rfc8448.SERVER_FINISHED);
        assertNotNull(s);
        for (String secret : List.of("99381de5", "99, 56, 29", "c9828876", "2c035d82", "3add4fb2", "9b9b141d")) {
            assertFalse(s.toLowerCase().contains(secret), secret + " in " + s);
        }
        assertFalse(s.contains("[B@"), "raw array in " + s);
        assertInstanceOf(String.class, ExtensionContext.CLIENT_HELLO.toString());
    }
}
