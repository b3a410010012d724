package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customtls.pki.TestPki;

import java.security.KeyStore;
import java.security.Provider;
import java.util.Random;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineSmokeTest {
    static final TestPki PKI = TestPki.create("Smoke CA");
    static final Provider CUSTOM = new CustomProvider();

    static SSLContext context(String provider, TestPki.KeyType type) throws Exception {
        SSLContext ctx = provider.equals("Custom") ? SSLContext.getInstance("TLSv1.3", CUSTOM)
                : SSLContext.getInstance("TLSv1.3", provider);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        KeyStore ks = PKI.issue(type, "localhost").toKeyStore("key");
        kmf.init(ks, TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @ParameterizedTest
    @CsvSource({"Custom,Custom,EC_P256", "Custom,SunJSSE,EC_P256", "SunJSSE,Custom,EC_P256",
            "Custom,Custom,RSA_2048", "Custom,SunJSSE,RSA_2048", "SunJSSE,Custom,RSA_2048",
            "Custom,Custom,ED25519", "Custom,SunJSSE,EC_P384", "SunJSSE,Custom,ED25519"})
    void handshakeAndData(String clientProvider, String serverProvider, TestPki.KeyType type) throws Exception {
        SSLEngine client = context(clientProvider, type).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = context(serverProvider, type).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        assertEquals("TLSv1.3", client.getSession().getProtocol());
        assertEquals(client.getSession().getCipherSuite(), server.getSession().getCipherSuite());
        assertEquals(1, pair.clientFinished);
        assertEquals(1, pair.serverFinished);
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        assertArrayEquals(data, pair.transfer(data, true));
        assertArrayEquals(data, pair.transfer(data, false));
    }
}
