package dev.customtls.core.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The extension block: lookup, duplicates, order, placement rules. */
class ExtensionsTest {
    private static final int[] RECOGNISED = {ExtensionType.SERVER_NAME, ExtensionType.STATUS_REQUEST,
            ExtensionType.SUPPORTED_GROUPS, ExtensionType.EC_POINT_FORMATS, ExtensionType.SIGNATURE_ALGORITHMS,
            ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionType.EXTENDED_MASTER_SECRET,
            ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.SESSION_TICKET, ExtensionType.PRE_SHARED_KEY,
            ExtensionType.EARLY_DATA, ExtensionType.SUPPORTED_VERSIONS, ExtensionType.COOKIE,
            ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.CERTIFICATE_AUTHORITIES,
            ExtensionType.POST_HANDSHAKE_AUTH, ExtensionType.SIGNATURE_ALGORITHMS_CERT, ExtensionType.KEY_SHARE,
            ExtensionType.RENEGOTIATION_INFO};

    private static Extensions decode(byte[] block, ExtensionContext ctx) {
        return Extensions.decode(new TlsReader(block), ctx);
    }

    private static byte[] block(int... typesWithEmptyData) {
        TlsWriter w = new TlsWriter();
        int mark = w.startVector16();
        for (int t : typesWithEmptyData) {
            w.u16(t).u16(0);
        }
        w.endVector16(mark);
        return w.toByteArray();
    }

    @Test
    void lookupAndOrder() {
        Extensions e = Extensions.of(new SupportedVersionsServerHello(0x0304), new KeyShareHelloRetryRequest(0x1d),
                new UnknownExtension(0x7777, new byte[0]));
        assertEquals(List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE, 0x7777), e.types());
        assertEquals(0x1d, e.get(KeyShareHelloRetryRequest.class).selectedGroup());
        assertNull(e.get(KeyShareServerHello.class));
        assertTrue(e.has(0x7777));
        assertFalse(e.has(ExtensionType.COOKIE));
        assertInstanceOf(UnknownExtension.class, e.get(0x7777));
        assertEquals(3, e.list().size());
        assertThrows(UnsupportedOperationException.class, () -> e.list().clear());
        assertTrue(Extensions.EMPTY.isEmpty());
        assertSame(Extensions.EMPTY, Extensions.of(List.of()));
    }

    @Test
    void ofRejectsDuplicatesAsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Extensions.of(
                new CookieExtension(new byte[1]), new UnknownExtension(ExtensionType.COOKIE, new byte[0])));
    }

    @Test
    void ofCopiesItsList() {
        List<Extension> list = new ArrayList<>(List.of(ExtendedMasterSecretExtension.INSTANCE));
        Extensions e = Extensions.of(list);
        list.add(PostHandshakeAuthExtension.INSTANCE);
        assertEquals(1, e.list().size());
    }

    @Test
    void emptyBlockDecodesToEmpty() {
        assertSame(Extensions.EMPTY, decode(block(), ExtensionContext.ENCRYPTED_EXTENSIONS));
    }

    @Test
    void manyDistinctUnknownExtensionsAreAccepted() {
        int[] types = new int[500];
        for (int i = 0; i < types.length; i++) {
            types[i] = 0x1000 + i;
        }
        assertEquals(500, decode(block(types), ExtensionContext.CLIENT_HELLO).types().size());
        types[499] = 0x1000 + 17;
        TlsAlertException e = assertThrows(TlsAlertException.class,
                () -> decode(block(types), ExtensionContext.CLIENT_HELLO));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void preSharedKeyMustBeLastOnlyInClientHello() {
        TlsWriter w = new TlsWriter();
        Extensions.of(new PreSharedKeyServerHello(0), new SupportedVersionsServerHello(0x0304)).encode(w);
        Extensions sh = decode(w.toByteArray(), ExtensionContext.SERVER_HELLO);
        assertEquals(ExtensionType.PRE_SHARED_KEY, sh.types().get(0));
    }

    @ParameterizedTest
    @EnumSource(ExtensionContext.class)
    void unknownTypesAreKeptInEveryMessage(ExtensionContext ctx) {
        Extensions e = decode(block(0x0a0a, 0x0015, 0xfe0d, 0x0030), ctx);
        assertEquals(4, e.list().size());
        e.list().forEach(x -> assertInstanceOf(UnknownExtension.class, x));
    }

    @ParameterizedTest
    @EnumSource(value = ExtensionContext.class, names = {"SERVER_HELLO", "HELLO_RETRY_REQUEST",
            "ENCRYPTED_EXTENSIONS", "CERTIFICATE", "CERTIFICATE_REQUEST", "NEW_SESSION_TICKET"})
    void tls12OnlyExtensionsAreUnrecognisedInTls13ServerMessages(ExtensionContext ctx) {
        Extensions e = decode(block(ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RENEGOTIATION_INFO,
                ExtensionType.EC_POINT_FORMATS, ExtensionType.SESSION_TICKET), ctx);
        e.list().forEach(x -> assertInstanceOf(UnknownExtension.class, x));
    }

    /** Every recognised type outside its messages is illegal_parameter, checked before its data is parsed. */
    @ParameterizedTest
    @EnumSource(ExtensionContext.class)
    void recognisedTypesOutsideTheirMessagesAreIllegal(ExtensionContext ctx) {
        int rejected = 0;
        for (int type : RECOGNISED) {
            if (!ExtensionPlacement.isRecognized(type, ctx) || ExtensionPlacement.isAllowed(type, ctx)) {
                continue;
            }
            rejected++;
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> decode(block(type), ctx),
                    ExtensionType.name(type));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), ExtensionType.name(type));
        }
        assertTrue(ctx == ExtensionContext.CLIENT_HELLO ? rejected == 0 : rejected > 0, ctx + ": " + rejected);
    }

    @Test
    void placementFollowsTheRfc8446Table() {
        assertTrue(ExtensionPlacement.isAllowed(ExtensionType.KEY_SHARE, ExtensionContext.HELLO_RETRY_REQUEST));
        assertFalse(ExtensionPlacement.isAllowed(ExtensionType.KEY_SHARE, ExtensionContext.ENCRYPTED_EXTENSIONS));
        assertTrue(ExtensionPlacement.isAllowed(ExtensionType.EARLY_DATA, ExtensionContext.NEW_SESSION_TICKET));
        assertFalse(ExtensionPlacement.isAllowed(ExtensionType.COOKIE, ExtensionContext.SERVER_HELLO));
        assertTrue(ExtensionPlacement.isAllowed(ExtensionType.STATUS_REQUEST, ExtensionContext.CERTIFICATE));
        assertFalse(ExtensionPlacement.isRecognized(ExtensionType.PADDING, ExtensionContext.CLIENT_HELLO));
        assertFalse(ExtensionPlacement.isRecognized(ExtensionType.SESSION_TICKET,
                ExtensionContext.NEW_SESSION_TICKET));
        assertTrue(ExtensionPlacement.isRecognized(ExtensionType.SESSION_TICKET, ExtensionContext.TLS12_SERVER_HELLO));
    }

    @Test
    void toStringShowsLengthsOnly() {
        String s = Extensions.of(new CookieExtension(new byte[] {0x5a, 0x5a}),
                new KeyShareServerHello(new KeyShareEntry(0x1d, new byte[] {0x42, 0x42, 0x42})),
                new PreSharedKeyServerHello(0), new SessionTicketExtension(new byte[] {0x33})).toString();
        assertFalse(s.contains("[B@"), s);
        assertTrue(s.contains("2 bytes") && s.contains("3 bytes"), s);
    }
}
