package dev.customtls.core.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every extension, in each message it may appear in: encode, decode, compare content and bytes. */
class ExtensionRoundTripTest {
    private static final byte[] BINDER = new byte[32];

    static Stream<Arguments> extensions() {
        ExtensionContext ch = ExtensionContext.CLIENT_HELLO;
        ExtensionContext sh = ExtensionContext.SERVER_HELLO;
        ExtensionContext hrr = ExtensionContext.HELLO_RETRY_REQUEST;
        ExtensionContext ee = ExtensionContext.ENCRYPTED_EXTENSIONS;
        ExtensionContext ct = ExtensionContext.CERTIFICATE;
        ExtensionContext cr = ExtensionContext.CERTIFICATE_REQUEST;
        ExtensionContext nst = ExtensionContext.NEW_SESSION_TICKET;
        ExtensionContext sh12 = ExtensionContext.TLS12_SERVER_HELLO;
        return Stream.of(
                arguments(ch, ServerNameExtension.of("www.example.com")),
                arguments(ee, ServerNameExtension.ACKNOWLEDGEMENT),
                arguments(sh12, ServerNameExtension.ACKNOWLEDGEMENT),
                arguments(ch, new SupportedGroupsExtension(List.of(0x1a1a, 0x001d, 0x0017, 0x11ec))),
                arguments(ee, new SupportedGroupsExtension(List.of(0x0018))),
                arguments(ch, new SignatureAlgorithmsExtension(List.of(0x0403, 0x0804, 0x0807))),
                arguments(cr, new SignatureAlgorithmsExtension(List.of(0x0403))),
                arguments(ch, new SignatureAlgorithmsCertExtension(List.of(0x0401, 0x0201))),
                arguments(cr, new SignatureAlgorithmsCertExtension(List.of(0x0401))),
                arguments(ch, new SupportedVersionsClientHello(List.of(0x3a3a, 0x0304, 0x0303))),
                arguments(sh, new SupportedVersionsServerHello(0x0304)),
                arguments(hrr, new SupportedVersionsServerHello(0x0304)),
                arguments(ch, new KeyShareClientHello(List.of())),
                arguments(ch, new KeyShareClientHello(List.of(new KeyShareEntry(0x001d, new byte[32]),
                        new KeyShareEntry(0x0017, new byte[65])))),
                arguments(sh, new KeyShareServerHello(new KeyShareEntry(0x001d, new byte[] {1, 2, 3}))),
                arguments(hrr, new KeyShareHelloRetryRequest(0x0017)),
                arguments(ch, new AlpnExtension(List.of("h2", "http/1.1", "\u00ff\u0000x"))),
                arguments(ee, AlpnExtension.selected("h2")),
                arguments(sh12, AlpnExtension.selected("http/1.1")),
                arguments(ch, new CookieExtension(new byte[] {1, 2, 3})),
                arguments(hrr, new CookieExtension(new byte[300])),
                arguments(ch, new PskKeyExchangeModesExtension(List.of(0, 1, 0x7f))),
                arguments(ch, new PreSharedKeyClientHello(
                        List.of(new PskIdentity(new byte[] {9}, 0xffffffffL), new PskIdentity(new byte[70], 0)),
                        List.of(BINDER, new byte[48]))),
                arguments(sh, new PreSharedKeyServerHello(1)),
                arguments(ch, EarlyDataExtension.INDICATION),
                arguments(ee, EarlyDataExtension.INDICATION),
                arguments(nst, new EarlyDataExtension(16384)),
                arguments(ch, new RecordSizeLimitExtension(64)),
                arguments(ee, new RecordSizeLimitExtension(16385)),
                arguments(sh12, new RecordSizeLimitExtension(0xffff)),
                arguments(ch, ExtendedMasterSecretExtension.INSTANCE),
                arguments(sh12, ExtendedMasterSecretExtension.INSTANCE),
                arguments(ch, new RenegotiationInfoExtension(new byte[0])),
                arguments(sh12, new RenegotiationInfoExtension(new byte[24])),
                arguments(ch, new EcPointFormatsExtension(List.of(0, 1, 2))),
                arguments(sh12, new EcPointFormatsExtension(List.of(0))),
                arguments(ch, new SessionTicketExtension(new byte[0])),
                arguments(ch, new SessionTicketExtension(new byte[] {4, 5, 6})),
                arguments(sh12, new SessionTicketExtension(new byte[0])),
                arguments(ch, PostHandshakeAuthExtension.INSTANCE),
                arguments(ch, new CertificateAuthoritiesExtension(List.of(new byte[] {0x30, 0}))),
                arguments(cr, new CertificateAuthoritiesExtension(List.of(new byte[] {0x30, 0}, new byte[3]))),
                arguments(ch, new StatusRequestExtension(new byte[] {1, 0, 0, 0, 0})),
                arguments(cr, new StatusRequestExtension(new byte[] {1, 0, 0, 0, 0})),
                arguments(ct, new StatusRequestExtension(new byte[] {1, 0, 0, 3, 1, 2, 3})),
                arguments(sh12, new StatusRequestExtension(new byte[0])),
                arguments(ch, new UnknownExtension(0x0a0a, new byte[0])),
                arguments(ch, new UnknownExtension(0x0015, new byte[10])),
                arguments(ee, new UnknownExtension(0xfe0d, new byte[] {1})),
                arguments(ee, new UnknownExtension(0x0017, new byte[0])),
                arguments(sh, new UnknownExtension(0xff01, new byte[] {0})),
                arguments(nst, new UnknownExtension(0x0023, new byte[] {1, 2})),
                arguments(ct, new UnknownExtension(0x0012, new byte[] {1, 2})));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("extensions")
    void roundTrips(ExtensionContext ctx, Extension extension) {
        Extensions block = Extensions.of(extension);
        TlsWriter w = new TlsWriter();
        block.encode(w);
        byte[] encoded = w.toByteArray();
        TlsReader r = new TlsReader(encoded);
        Extensions decoded = Extensions.decode(r, ctx);
        r.ensureEmpty("block");
        assertEquals(block, decoded);
        assertEquals(extension, decoded.list().get(0));
        assertEquals(extension.hashCode(), decoded.list().get(0).hashCode());
        assertEquals(extension.type(), decoded.types().get(0));
        TlsWriter again = new TlsWriter();
        decoded.encode(again);
        assertArrayEquals(encoded, again.toByteArray());
    }
}
