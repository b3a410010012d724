package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.text.WireNames;
import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.KeyShareHelloRetryRequest;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CertificateVerify;
import dev.customtls.core.message.EncryptedExtensions;
import dev.customtls.core.message.Finished;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.HandshakeMessageDecoder;
import dev.customtls.core.message.NewSessionTicket;
import dev.customtls.core.message.ServerHello;
import dev.customtls.pki.TestPki;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live trace printed for Custom, fed with decoded messages: the ClientHello and ServerHello of RFC 8448
 * section 3 (Simple 1-RTT Handshake) and messages built here.
 */
class HandshakeTraceTest {

    /** RFC 8448 section 3, ClientHello body (without the 4-byte handshake header). */
    private static final String CLIENT_HELLO = "0303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7"
            + "000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d00170018001901000101"
            + "01020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf"
            + "2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101"
            + "001c00024001";

    /** RFC 8448 section 3, ServerHello body. */
    private static final String SERVER_HELLO = "0303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928"
            + "00130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TraceLog log = new TraceLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static HandshakeMessage decode(int type, String hex) {
        return HandshakeMessageDecoder.decode(type, HexFormat.of().parseHex(hex));
    }

    @Test
    void clientSideTraceOfRfc8448() throws Exception {
        HandshakeTrace trace = new HandshakeTrace(log, "client", true);
        trace.messageSent(decode(HandshakeType.CLIENT_HELLO, CLIENT_HELLO));
        trace.messageReceived(decode(HandshakeType.SERVER_HELLO, SERVER_HELLO));
        trace.step("handshake traffic keys installed");
        trace.messageReceived(new EncryptedExtensions(Extensions.of(ServerNameExtension.ACKNOWLEDGEMENT,
                AlpnExtension.selected("http/1.1"))));
        TestPki pki = TestPki.create("Trace CA");
        TestPki.Credential cred = pki.issue(TestPki.KeyType.ED25519, "server.example");
        trace.messageReceived(new CertificateMessage(new byte[0], List.of(
                CertificateEntry.of(cred.certificate().getEncoded()), CertificateEntry.of(new byte[] {1, 2, 3}))));
        trace.messageReceived(new CertificateVerify(0x0807, new byte[64]));
        trace.messageReceived(new Finished(new byte[32]));
        trace.messageSent(new Finished(new byte[32]));
        trace.messageReceived(new NewSessionTicket(7200, 1, new byte[8], new byte[100], Extensions.EMPTY));
        String out = out();
        DemoTest.assertInOrder(out, List.of(
                "client -> server: ClientHello",
                "versions: TLSv1.3",
                "cipher suites: TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256, TLS_AES_256_GCM_SHA384",
                "groups: x25519, secp256r1, secp384r1, secp521r1, ffdhe2048, ffdhe3072, ffdhe4096, ffdhe6144, ffdhe8192",
                "key-share groups: x25519 (32 bytes)",
                "signature algorithms: ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384",
                "random: cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7",
                "legacy_session_id: 0 bytes",
                "server_name: server",
                "record_size_limit: 16385",
                "psk_key_exchange_modes: psk_dhe_ke",
                "extensions: server_name, renegotiation_info, supported_groups, session_ticket, key_share,"
                        + " supported_versions, signature_algorithms, psk_key_exchange_modes, record_size_limit",
                "server -> client: ServerHello",
                "version: TLSv1.3",
                "cipher suite: TLS_AES_128_GCM_SHA256",
                "group: x25519 (server share 32 bytes)",
                "random: a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928",
                "Key exchange: ECDHE over x25519",
                "client share 32 bytes, server share 32 bytes",
                "[client] handshake traffic keys installed",
                "server -> client: EncryptedExtensions",
                "server_name: (acknowledged)",
                "ALPN: http/1.1",
                "server -> client: Certificate",
                "entry of 3 bytes that is not an X.509 certificate",
                "0 subject: CN=server.example",
                "issuer:  CN=Trace CA",
                "key:     Ed25519",
                "server -> client: CertificateVerify",
                "signature scheme: ed25519, signature 64 bytes",
                "server -> client: Finished",
                "verify_data: 32 bytes",
                "client -> server: Finished",
                "server -> client: NewSessionTicket",
                "ticket lifetime: 7200 s, ticket 100 bytes, nonce 8 bytes"));
        assertTrue(out.lines().allMatch(l -> l.matches(DemoTest.STAMP)), out);
        assertTrue("x25519".equals(trace.group()), out);
    }

    @Test
    void helloRetryRequestIsNamed() {
        HandshakeTrace trace = new HandshakeTrace(log, "client", true);
        trace.messageReceived(ServerHello.helloRetryRequest(new byte[0], 0x1301, Extensions.of(
                new SupportedVersionsServerHello(0x0304), new KeyShareHelloRetryRequest(0x0018))));
        String out = out();
        DemoTest.assertInOrder(out, List.of("server -> client: HelloRetryRequest", "version: TLSv1.3",
                "the server asks the client to retry with a key share for secp384r1"));
        assertTrue(!out.contains("Key exchange"), out);
        assertTrue(trace.group() == null, out);
    }

    @Test
    void serverSideTracePrintsOnlySteps() {
        HandshakeTrace trace = new HandshakeTrace(log, "server", false);
        trace.messageReceived(decode(HandshakeType.CLIENT_HELLO, CLIENT_HELLO));
        trace.messageSent(decode(HandshakeType.SERVER_HELLO, SERVER_HELLO));
        trace.step("chose TLS_AES_128_GCM_SHA256\u001b[2J");
        assertTrue(out().lines().count() == 1 && out().contains("[server] chose TLS_AES_128_GCM_SHA256?[2J"), out());
        assertTrue("x25519".equals(trace.group()), out());
    }

    @Test
    void greaseValuesAreShownAsHex() {
        assertTrue(WireNames.suite(0x0a0a).equals("0x0a0a (GREASE)"));
        assertTrue(WireNames.group(0xfafa).equals("0xfafa (GREASE)"));
        assertTrue(WireNames.group(0x0102).equals("ffdhe4096"));
        assertTrue(WireNames.group(0x01ff).equals("0x01ff"));
        assertTrue(WireNames.suite(0x00ff).equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));
        assertTrue(Arrays.asList("ed25519", "rsa_pss_rsae_sha256").contains(WireNames.scheme(0x0807)));
    }
}
