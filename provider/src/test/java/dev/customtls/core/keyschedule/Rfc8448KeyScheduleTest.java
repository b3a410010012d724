package dev.customtls.core.keyschedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLS 1.3 key schedule against the RFC 8448 traces: section 3 (simple 1-RTT) and section 4 (resumed
 * 0-RTT), with transcript hashes computed from the handshake messages printed in the RFC. Runs once per
 * backend.
 */
class Rfc8448KeyScheduleTest {

    static Stream<TlsCrypto> backends() {
        return Stream.of(new JdkTlsCrypto(), new BcTlsCrypto());
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static void assertHex(String expected, byte[] actual) {
        assertEquals(expected.replaceAll("\\s", ""), HexFormat.of().formatHex(actual));
    }

    /** Running transcript: hash of the concatenation of every message added so far. */
    static final class Transcript {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TlsCrypto crypto;

        Transcript(TlsCrypto crypto) {
            this.crypto = crypto;
        }

        Transcript add(String message) {
            bytes.writeBytes(hex(message));
            return this;
        }

        byte[] hash() {
            MessageDigest md = crypto.digest(HashAlgorithm.SHA256);
            return md.digest(bytes.toByteArray());
        }
    }

    // ---- RFC 8448 section 3: handshake messages (handshake headers included) ----
    static final String CLIENT_HELLO = "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283"
            + "024dece7000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d00170018"
            + "00190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae"
            + "4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206"
            + "020202002d00020101001c00024001";
    static final String SERVER_HELLO = "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772e"
            + "d3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f"
            + "0f002b00020304";
    static final String ENCRYPTED_EXTENSIONS = "080000240022000a00140012001d00170018001901000101010201030104"
            + "001c0002400100000000";
    static final String CERTIFICATE = "0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a8648"
            + "86f70d01010b0500300e310c300a06035504031303727361301e170d3136303733303031323335395a170d32363037333030"
            + "31323335395a300e310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d003081890281"
            + "8100b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1a"
            + "f19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8c"
            + "a9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304"
            + "023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a72"
            + "67170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e"
            + "5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d"
            + "402dcc0cc8f8961229ac9187b42b4de10000";
    static final String CERTIFICATE_VERIFY = "0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd48414"
            + "5ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee51"
            + "1f602957b15411ac027671459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d"
            + "53dfacd42f74f3";
    static final String SERVER_FINISHED = "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b7"
            + "8f0718";
    static final String CLIENT_FINISHED = "14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2ed"
            + "d5ce61";
    /** The x25519 shared secret of section 3 (checked against the private keys in the backend tests). */
    static final String ECDHE_1RTT = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";

    @ParameterizedTest
    @MethodSource("backends")
    void simple1Rtt(TlsCrypto crypto) {
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        Transcript t = new Transcript(crypto);

        EarlySecret early = EarlySecret.derive(hkdf, null);
        assertHex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a", early.value());

        HandshakeSecret hs = early.handshakeSecret(hex(ECDHE_1RTT));
        assertHex("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac", hs.value());

        byte[] helloHash = t.add(CLIENT_HELLO).add(SERVER_HELLO).hash();
        assertHex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", helloHash);
        byte[] cHs = hs.clientHandshakeTrafficSecret(helloHash);
        byte[] sHs = hs.serverHandshakeTrafficSecret(helloHash);
        assertHex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", cHs);
        assertHex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", sHs);

        MasterSecret master = hs.masterSecret();
        assertHex("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919", master.value());

        TrafficKeys sHsKeys = TrafficSecrets.keys(hkdf, sHs, AeadAlgorithm.AES_128_GCM);
        assertHex("3fce516009c21727d0f2e4e86ee403bc", sHsKeys.key());
        assertHex("5d313eb2671276ee13000b30", sHsKeys.iv());
        TrafficKeys cHsKeys = TrafficSecrets.keys(hkdf, cHs, AeadAlgorithm.AES_128_GCM);
        assertHex("dbfaa693d1762c5b666af5d950258d01", cHsKeys.key());
        assertHex("5bd3c71b836e0b76bb73265f", cHsKeys.iv());

        assertHex("008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8",
                TrafficSecrets.finishedKey(hkdf, sHs));
        byte[] throughCv = t.add(ENCRYPTED_EXTENSIONS).add(CERTIFICATE).add(CERTIFICATE_VERIFY).hash();
        assertHex("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718",
                TrafficSecrets.verifyData(hkdf, sHs, throughCv));

        byte[] throughSf = t.add(SERVER_FINISHED).hash();
        byte[] cAp = master.clientApplicationTrafficSecret(throughSf);
        byte[] sAp = master.serverApplicationTrafficSecret(throughSf);
        assertHex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5", cAp);
        assertHex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643", sAp);
        assertHex("fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50",
                master.exporterMasterSecret(throughSf));
        TrafficKeys sApKeys = TrafficSecrets.keys(hkdf, sAp, AeadAlgorithm.AES_128_GCM);
        assertHex("9f02283b6c9c07efc26bb9f2ac92e356", sApKeys.key());
        assertHex("cf782b88dd83549aadf1e984", sApKeys.iv());
        TrafficKeys cApKeys = TrafficSecrets.keys(hkdf, cAp, AeadAlgorithm.AES_128_GCM);
        assertHex("17422dda596ed5d9acd890e3c63f5051", cApKeys.key());
        assertHex("5b78923dee08579033e523d9", cApKeys.iv());

        // the client's Finished covers the server's Finished
        assertHex("a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61",
                TrafficSecrets.verifyData(hkdf, cHs, throughSf));

        byte[] throughCf = t.add(CLIENT_FINISHED).hash();
        byte[] resMaster = master.resumptionMasterSecret(throughCf);
        assertHex("7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c", resMaster);
        // NewSessionTicket nonce 0x0000
        assertHex("4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3",
                TrafficSecrets.resumptionPsk(hkdf, resMaster, new byte[2]));

        master.destroy();
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> master.exporterMasterSecret(throughSf));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    // ---- RFC 8448 section 4 ----
    /** The resumed ClientHello up to (not including) the binders list. */
    static final String CLIENT_HELLO_0RTT_PREFIX = "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d7876487d9500000613011303130201"
            + "0001cd0000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
            + "3300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b002a0000002b00"
            + "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
            + "000240010015005700000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf1b0070ad3c498883c936"
            + "7c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3"
            + "664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf2"
            + "97b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb";

    @ParameterizedTest
    @MethodSource("backends")
    void resumed0Rtt(TlsCrypto crypto) {
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        byte[] psk = TrafficSecrets.resumptionPsk(hkdf,
                hex("7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c"), new byte[2]);
        assertHex("4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3", psk);

        EarlySecret early = EarlySecret.derive(hkdf, psk);
        assertHex("9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c", early.value());

        byte[] binderKey = early.binderKey(true);
        assertHex("69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256", binderKey);
        assertHex("5588673e72cb59c87d220caffe94f2dea9a3b1609f7d50e90a48227db9ed7eaa",
                TrafficSecrets.finishedKey(hkdf, binderKey));

        Transcript t = new Transcript(crypto).add(CLIENT_HELLO_0RTT_PREFIX);
        byte[] truncatedHash = t.hash();
        assertHex("63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14", truncatedHash);
        byte[] binder = TrafficSecrets.verifyData(hkdf, binderKey, truncatedHash);
        assertHex("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d", binder);

        // the complete ClientHello: binders list (length 0x21) with one 32-byte binder
        byte[] chHash = t.add("002120" + HexFormat.of().formatHex(binder)).hash();
        byte[] cEarly = early.clientEarlyTrafficSecret(chHash);
        assertHex("3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62", cEarly);
        assertHex("b2026866610937d7423e5be90862ccf24c0e6091186d34f812089ff5be2ef7df",
                early.earlyExporterMasterSecret(chHash));
        TrafficKeys earlyKeys = TrafficSecrets.keys(hkdf, cEarly, AeadAlgorithm.AES_128_GCM);
        assertHex("920205a5b7bf2115e6fc5c2942834f54", earlyKeys.key());
        assertHex("6d475f0993c8e564610db2b9", earlyKeys.iv());

        HandshakeSecret hs = early.handshakeSecret(
                hex("f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e"));
        assertHex("005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6", hs.value());

        // typestate: the early secret is gone once the handshake secret exists
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> early.binderKey(true));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        MasterSecret ms = hs.masterSecret();
        assertHex("e2d32d4ed66dd37897a0e80c84107503ce58bf8aad4cb55a5002d77ecb890ece", ms.value());
        assertThrows(TlsAlertException.class, () -> hs.clientHandshakeTrafficSecret(chHash));
    }
}
