package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLKeyException;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE's TLS 1.2 extended master secret switches (RFC 7627), read at {@code SSLContext.init}:
 * {@code jdk.tls.useExtendedMasterSecret=false} neither offers nor accepts it; {@code
 * jdk.tls.allowLegacyMasterSecret=false} ends a full handshake with a peer without it (handshake_failure).
 * Whether the extended master secret is in use shows in the exporters, which refuse without it. Against
 * OpenSSL with it switched off: {@code ExtendedMasterSecretInteropTest} (spi-tests).
 */
class ExtendedMasterSecretPolicyTest {
    private static final Map<String, String> DISABLED = Map.of("jdk.tls.useExtendedMasterSecret", "false");
    private static final Map<String, String> REQUIRED = Map.of("jdk.tls.allowLegacyMasterSecret", "false");

    private static SSLContext custom(Map<String, String> properties) throws Exception {
        return TemporaryProperties.with(properties,
                () -> Tls12EngineTest.context("Custom", "TLS", TestPki.KeyType.EC_P256));
    }

    private static EnginePair tls12(SSLContext client, SSLContext server) {
        EnginePair pair = Tls12EngineTest.pair(client, server, null);
        pair.client.setEnabledProtocols(new String[] {"TLSv1.2"});
        return pair;
    }

    private static boolean exports(EnginePair pair) throws Exception {
        try {
            byte[] c = ((KeyingMaterialExportable) pair.client.getSession()).exportKeyingMaterialData("EXPERIMENTAL-x",
                    null, 16);
            assertArrayEquals(c, ((KeyingMaterialExportable) pair.server.getSession())
                    .exportKeyingMaterialData("EXPERIMENTAL-x", null, 16));
            return true;
        } catch (SSLKeyException e) {
            assertThrows(SSLKeyException.class, () -> ((KeyingMaterialExportable) pair.server.getSession())
                    .exportKeyingMaterialData("EXPERIMENTAL-x", null, 16));
            return false;
        }
    }

    @Test
    void usedByDefault() throws Exception {
        EnginePair pair = tls12(custom(Map.of()), custom(Map.of()));
        pair.handshake();
        assertEquals("TLSv1.2", pair.client.getSession().getProtocol());
        assertTrue(exports(pair));
    }

    @Test
    void disabledOnEitherSideMeansALegacyMasterSecret() throws Exception {
        SSLContext plain = custom(Map.of());
        SSLContext off = custom(DISABLED);
        for (EnginePair pair : new EnginePair[] {tls12(off, plain), tls12(plain, off)}) {
            pair.handshake();
            assertEquals("TLSv1.2", pair.server.getSession().getProtocol());
            assertFalse(exports(pair), "exported without the extended master secret");
            assertArrayEquals(new byte[] {5}, pair.transfer(new byte[] {5}, true));
        }
        // Without it no session is kept for resumption (so none can be resumed the triple-handshake way).
        EnginePair first = tls12(off, plain);
        first.handshake();
        EnginePair second = tls12(off, plain);
        second.handshake();
        assertFalse(Arrays.equals(first.client.getSession().getId(), second.client.getSession().getId()),
                "a session without the extended master secret was resumed");
    }

    @Test
    void aClientThatRequiresItRefusesAServerWithout() throws Exception {
        EnginePair pair = tls12(custom(REQUIRED), custom(DISABLED));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, pair::handshake);
        assertTrue(e.getMessage().contains("extended master secret") && e.getMessage().contains("allowLegacyMasterSecret"),
                e.getMessage());
    }

    @Test
    void aServerThatRequiresItRefusesAClientWithout() throws Exception {
        EnginePair pair = tls12(custom(DISABLED), custom(REQUIRED));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, pair::handshake);
        assertTrue(e.getMessage().contains("extended master secret") && e.getMessage().contains("allowLegacyMasterSecret"),
                e.getMessage());
    }

    @Test
    void requiredIsMetByPeersThatUseIt() throws Exception {
        SSLContext required = custom(REQUIRED);
        SSLContext sunJsse = Tls12EngineTest.context("SunJSSE", "TLS", TestPki.KeyType.EC_P256);
        for (EnginePair pair : new EnginePair[] {tls12(required, required), tls12(required, sunJsse),
                tls12(sunJsse, required)}) {
            pair.handshake();
            assertEquals("TLSv1.2", pair.client.getSession().getProtocol());
            assertArrayEquals(new byte[] {7}, pair.transfer(new byte[] {7}, false));
        }
        assertTrue(exports(tls12Handshaken(required, required)));
        // A resumed connection keeps it (the session was made with it).
        EnginePair first = tls12Handshaken(required, required);
        EnginePair resumed = tls12Handshaken(required, required);
        assertArrayEquals(first.client.getSession().getId(), resumed.client.getSession().getId(), "not resumed");
        assertTrue(exports(resumed));
    }

    @Test
    void tls13IsNotConcerned() throws Exception {
        EnginePair pair = Tls12EngineTest.pair(custom(REQUIRED), custom(DISABLED), null);
        pair.handshake();
        assertEquals("TLSv1.3", pair.client.getSession().getProtocol());
        assertTrue(exports(pair));
    }

    private static EnginePair tls12Handshaken(SSLContext client, SSLContext server) throws Exception {
        EnginePair pair = tls12(client, server);
        pair.handshake();
        return pair;
    }
}
