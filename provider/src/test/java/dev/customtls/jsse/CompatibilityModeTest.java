package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.message.ClientHello;
import dev.customtls.pki.TestPki;

import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE's {@code jdk.tls.client.useCompatibilityMode} (TLS 1.3 middlebox compatibility mode, RFC 8446
 * appendix D.4): by default a client sends a 32-byte legacy_session_id and one change_cipher_spec before its
 * second flight (and the server answers with one); with {@code false} the session id is empty and neither side
 * sends a change_cipher_spec. Checked on the wire, against {@code Custom} and SunJSSE servers.
 */
class CompatibilityModeTest {
    private static final String PROPERTY = "jdk.tls.client.useCompatibilityMode";

    private static SSLContext custom(Map<String, String> properties) throws Exception {
        return TemporaryProperties.with(properties,
                () -> Tls12EngineTest.context("Custom", "TLS", TestPki.KeyType.EC_P256));
    }

    /** The number of change_cipher_spec records in {@code bytes}, a run of records. */
    private static int changeCipherSpecs(byte[] bytes) {
        int n = 0;
        for (int i = 0; i + 5 <= bytes.length; i += 5 + ((bytes[i + 3] & 0xff) << 8 | bytes[i + 4] & 0xff)) {
            n += bytes[i] == 20 ? 1 : 0;
        }
        return n;
    }

    private static ClientHello clientHello(byte[] sent) {
        int length = (sent[6] & 0xff) << 16 | (sent[7] & 0xff) << 8 | sent[8] & 0xff;
        return ClientHello.decode(new TlsReader(Arrays.copyOfRange(sent, 9, 9 + length)));
    }

    private static EnginePair tls13(SSLContext client, SSLContext server) throws Exception {
        EnginePair pair = Tls12EngineTest.pair(client, server, null);
        pair.handshake();
        assertEquals("TLSv1.3", pair.client.getSession().getProtocol());
        assertArrayEquals(new byte[] {4}, pair.transfer(new byte[] {4}, true));
        return pair;
    }

    @Test
    void onByDefault() throws Exception {
        SSLContext client = custom(Map.of());
        for (SSLContext server : new SSLContext[] {custom(Map.of()), Tls12EngineTest.context("SunJSSE", "TLS",
                TestPki.KeyType.EC_P256)}) {
            EnginePair pair = tls13(client, server);
            byte[] sent = pair.clientSent.toByteArray();
            assertEquals(32, clientHello(sent).legacySessionId().length);
            assertEquals(1, changeCipherSpecs(sent));
            assertEquals(1, changeCipherSpecs(pair.serverSent.toByteArray()));
        }
    }

    @Test
    void offWithTheProperty() throws Exception {
        SSLContext client = custom(Map.of(PROPERTY, "false"));
        for (SSLContext server : new SSLContext[] {custom(Map.of()), Tls12EngineTest.context("SunJSSE", "TLS",
                TestPki.KeyType.EC_P256)}) {
            EnginePair pair = tls13(client, server);
            byte[] sent = pair.clientSent.toByteArray();
            assertEquals(0, clientHello(sent).legacySessionId().length);
            assertEquals(0, changeCipherSpecs(sent));
            assertEquals(0, changeCipherSpecs(pair.serverSent.toByteArray()));
        }
        // After a HelloRetryRequest (no key share sent) too.
        SSLContext noShares = custom(Map.of(PROPERTY, "false", "dev.customtls.keyShares", "none"));
        EnginePair retried = tls13(noShares, custom(Map.of()));
        assertEquals(0, changeCipherSpecs(retried.clientSent.toByteArray()));
        assertEquals(0, changeCipherSpecs(retried.serverSent.toByteArray()));
    }

    @Test
    void tls12ResumptionStillWorksWithoutIt() throws Exception {
        SSLContext client = custom(Map.of(PROPERTY, "false"));
        SSLContext server = custom(Map.of());
        EnginePair first = Tls12EngineTest.pair(client, server, null);
        first.client.setEnabledProtocols(new String[] {"TLSv1.2"});
        first.handshake();
        first.transfer(new byte[] {1}, false);
        EnginePair second = Tls12EngineTest.pair(client, server, null);
        second.client.setEnabledProtocols(new String[] {"TLSv1.2"});
        second.handshake();
        // Resumed by ticket: the ClientHello carried a random id for the server to echo (RFC 5077 section 3.4).
        assertEquals(32, clientHello(second.clientSent.toByteArray()).legacySessionId().length);
        assertArrayEquals(first.client.getSession().getId(), second.client.getSession().getId(), "not resumed");
    }
}
