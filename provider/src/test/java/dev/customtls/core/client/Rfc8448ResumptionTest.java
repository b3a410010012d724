package dev.customtls.core.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.PreSharedKeyClientHello;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.NewSessionTicket;
import dev.customtls.core.session.ClientResumption;
import dev.customtls.core.session.ClientTicket;
import dev.customtls.core.session.PskBinder;
import dev.customtls.core.session.TlsSession;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8448 section 4 (resumed 0-RTT handshake) reproduced by our client code: the PSK derived from the
 * section 3 NewSessionTicket, the resumed ClientHello with its obfuscated ticket age and binder (byte for
 * byte), and the early-data record protected with the client early traffic key. Once per backend.
 */
class Rfc8448ResumptionTest {

    /** RFC 8448 section 3: the NewSessionTicket (handshake header included). */
    static final byte[] NEW_SESSION_TICKET = dev.customtls.core.message.Rfc8448.NEW_SESSION_TICKET;

    /** RFC 8448 section 4: the resumed ClientHello (early_data, padding, pre_shared_key). */
    static final byte[] RESUMED_CLIENT_HELLO = dev.customtls.core.message.Rfc8448.RESUMED_CLIENT_HELLO;

    /** RFC 8448 section 4: {client} send application_data record (payload "ABCDEF") under the early key. */
    static final byte[] EARLY_DATA_RECORD = hex("""
            17 03 03 00 17 ab 1d f4 20 e7 5c 45 7a 7c c5 d2 84 4f 76 d5 ae e4 b4 ed bf 04 9b e0""");

    static final byte[] RESUMPTION_MASTER_SECRET = hex("7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c");

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static Stream<TlsCrypto> backends() {
        return Stream.of(new JdkTlsCrypto(), new BcTlsCrypto());
    }

    static ClientHandshake handshake(TlsCrypto crypto) {
        TlsConfig config = new TlsConfig(true, List.of(ProtocolVersion.TLS13),
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384),
                List.of(NamedGroup.X25519), List.of(), List.of(SignatureScheme.ECDSA_SECP256R1_SHA256), List.of(),
                List.of("server"), List.of(), TlsConfig.ClientAuth.NONE, false, TlsConfig.Limits.DEFAULT, false, false, TlsConfig.ExtendedMasterSecret.OFFERED,
                dev.customtls.core.extension.DisabledExtensions.NONE,
                dev.customtls.core.handshake.CertificateCompression.NONE, true);
        return new ClientHandshake(new TlsConnection(config, crypto, new TlsSession("server", 443)), null);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void resumedZeroRttClientFlight(TlsCrypto crypto) {
        ClientHandshake hs = handshake(crypto);
        // Section 3's connection is over: its suite, key schedule and resumption master secret.
        List<ClientTicket> stored = new ArrayList<>();
        hs.setResumption(new ClientResumption(null, stored::add, false));
        hs.suite = CipherSuite.TLS_AES_128_GCM_SHA256;
        hs.hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        hs.resumptionMasterSecret = RESUMPTION_MASTER_SECRET;
        hs.session.setRequestedServerNames(List.of("server"));
        hs.ticketReceived(NewSessionTicket.decode(new TlsReader(NEW_SESSION_TICKET, 4, NEW_SESSION_TICKET.length - 4)));
        assertEquals(1, stored.size());
        ClientTicket t = stored.get(0);
        // PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", nonce 0x0000, 32)
        assertArrayEquals(hex("4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3"), t.psk());
        assertEquals(30, t.lifetimeSeconds());
        assertEquals(0xfad6aac5L, t.ageAdd());
        assertEquals(1024, t.maxEarlyData());

        // The resumed connection, 6 ms after the ticket arrived (obfuscated age 0xfad6aacb).
        ClientTicket aged = new ClientTicket(t.ticket(), t.psk(), t.lifetimeSeconds(), t.ageAdd(), 1_000, t.maxEarlyData(),
                t.cipherSuite(), t.sessionId(), t.sessionCreationTime(), t.peerCertificates(), t.localCertificates(),
                t.serverName(), t.applicationProtocol());
        ClientResumption resumption = new ClientResumption(aged, null, false);
        resumption.setEarlyData("ABCDEF".getBytes(StandardCharsets.US_ASCII));
        ClientHandshake hs2 = handshake(crypto);
        PskOffer offer = PskOffer.create(hs2, resumption, 1_006);
        ClientHello rfc = ClientHello.decode(new TlsReader(RESUMED_CLIENT_HELLO, 4, RESUMED_CLIENT_HELLO.length - 4));
        List<Extension> withoutPsk = new ArrayList<>(rfc.extensions().list());
        withoutPsk.removeIf(e -> e.type() == ExtensionType.PRE_SHARED_KEY);
        ClientHello template = new ClientHello(rfc.legacyVersion(), rfc.random(), rfc.legacySessionId(),
                rfc.cipherSuites(), rfc.legacyCompressionMethods(), Extensions.of(withoutPsk));
        ClientHello built = offer.attach(hs2, template, false);
        byte[] encoded = built.encode();
        // Identity, obfuscated_ticket_age and binder 3add4fb2... all as in the RFC.
        assertArrayEquals(RESUMED_CLIENT_HELLO, encoded);

        // The binder as the server recomputes it over the truncated ClientHello.
        PreSharedKeyClientHello psk = built.extensions().get(PreSharedKeyClientHello.class);
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - psk.bindersEncodedLength());
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        assertArrayEquals(hex("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d"),
                PskBinder.compute(hkdf, t.psk(), hs2.transcript.hashWith(HashAlgorithm.SHA256, truncated)));

        // Early data: change_cipher_spec, then the record of the RFC under client_early_traffic_secret.
        hs2.send(built);
        byte[] out = new byte[4096];
        int n = hs2.conn.drainOutbound(out, 0, out.length);
        assertEquals(5 + RESUMED_CLIENT_HELLO.length, n);
        offer.sendEarlyData(hs2);
        n = hs2.conn.drainOutbound(out, 0, out.length);
        byte[] ccs = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
        assertArrayEquals(ccs, Arrays.copyOf(out, 6));
        assertArrayEquals(EARLY_DATA_RECORD, Arrays.copyOfRange(out, 6, n));
    }
}
