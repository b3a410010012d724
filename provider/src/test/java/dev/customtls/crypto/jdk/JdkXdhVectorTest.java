package dev.customtls.crypto.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** X25519 with the RFC 8448 private keys (sections 3 and 4). */
class JdkXdhVectorTest {

    private static final HexFormat HEX = HexFormat.of();

    static void check(String clientPriv, String clientPub, String serverPriv, String serverPub, String shared,
            NamedGroup group) {
        KeyShare client = JdkTlsCrypto.xdhKeyShareFromPrivate(group, HEX.parseHex(clientPriv));
        KeyShare server = JdkTlsCrypto.xdhKeyShareFromPrivate(group, HEX.parseHex(serverPriv));
        assertEquals(clientPub, HEX.formatHex(client.publicKey()));
        assertEquals(serverPub, HEX.formatHex(server.publicKey()));
        assertEquals(shared, HEX.formatHex(client.agree(HEX.parseHex(serverPub))));
        assertEquals(shared, HEX.formatHex(server.agree(HEX.parseHex(clientPub))));
    }

    @Test
    void rfc8448Section3() {
        check("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005",
                "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c",
                "b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e",
                "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f",
                "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d", NamedGroup.X25519);
    }

    @Test
    void rfc8448Section4() {
        check("bff91188283846dd6a2134ef7180ca2b0b14fb10dce707b5098c0dddc813b2df",
                "e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b",
                "de5b4476e7b490b2652d338acbf2948066f255f9440e23b98fc69835298dc107",
                "121761ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31",
                "f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e", NamedGroup.X25519);
    }
}
