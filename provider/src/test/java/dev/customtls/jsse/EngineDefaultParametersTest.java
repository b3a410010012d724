package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.customtls.pki.TestPki;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * Engines that keep the context's default parameters share its prebuilt configuration and copy no
 * {@code SSLParameters}: what they report and negotiate must be exactly what explicit parameters give.
 */
class EngineDefaultParametersTest {

    private static SSLContext context() throws Exception {
        return EngineSmokeTest.context("Custom", TestPki.KeyType.EC_P256);
    }

    private static void assertSameParameters(SSLParameters expected, SSLParameters actual) {
        assertArrayEquals(expected.getCipherSuites(), actual.getCipherSuites());
        assertArrayEquals(expected.getProtocols(), actual.getProtocols());
        assertArrayEquals(expected.getApplicationProtocols(), actual.getApplicationProtocols());
        assertEquals(expected.getUseCipherSuitesOrder(), actual.getUseCipherSuitesOrder());
        assertEquals(expected.getNeedClientAuth(), actual.getNeedClientAuth());
        assertEquals(expected.getWantClientAuth(), actual.getWantClientAuth());
        assertEquals(expected.getEndpointIdentificationAlgorithm(), actual.getEndpointIdentificationAlgorithm());
        assertEquals(expected.getMaximumPacketSize(), actual.getMaximumPacketSize());
        assertEquals(expected.getServerNames(), actual.getServerNames());
    }

    @Test
    void aDefaultEngineReportsTheContextDefaultsAsFreshCopies() throws Exception {
        SSLContext ctx = context();
        SSLEngine e = ctx.createSSLEngine();
        SSLParameters first = e.getSSLParameters();
        assertSameParameters(ctx.getDefaultSSLParameters(), first);
        first.setCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384"});
        first.setNeedClientAuth(true);
        assertNotSame(first, e.getSSLParameters());
        assertSameParameters(ctx.getDefaultSSLParameters(), e.getSSLParameters());
        assertArrayEquals(ctx.getDefaultSSLParameters().getCipherSuites(), e.getEnabledCipherSuites());
    }

    @Test
    void defaultAndExplicitDefaultParametersNegotiateAlike() throws Exception {
        SSLContext ctx = context();
        String[] negotiated = new String[2];
        for (int i = 0; i < 2; i++) {
            SSLEngine client = ctx.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            SSLEngine server = ctx.createSSLEngine();
            server.setUseClientMode(false);
            if (i == 1) {
                client.setSSLParameters(ctx.getDefaultSSLParameters());
                server.setSSLParameters(ctx.getDefaultSSLParameters());
            }
            new EnginePair(client, server).handshake();
            negotiated[i] = client.getSession().getProtocol() + " " + client.getSession().getCipherSuite();
            assertEquals(negotiated[i], server.getSession().getProtocol() + " " + server.getSession().getCipherSuite());
        }
        assertEquals(negotiated[1], negotiated[0]);
    }

    @Test
    void changedParametersStillApply() throws Exception {
        SSLContext ctx = context();
        SSLEngine client = ctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledCipherSuites(new String[] {"TLS_CHACHA20_POLY1305_SHA256"});
        SSLParameters p = client.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("example.com")));
        client.setSSLParameters(p);
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        new EnginePair(client, server).handshake();
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", server.getSession().getCipherSuite());
        assertEquals(List.of(new SNIHostName("example.com")),
                ((javax.net.ssl.ExtendedSSLSession) server.getSession()).getRequestedServerNames());
    }

    @Test
    void parametersSetOnADefaultEngineAreAsOnAChangedOne() throws Exception {
        SSLContext ctx = context();
        SSLParameters p = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3"});
        p.setApplicationProtocols(new String[] {"h2"});
        SSLEngine fresh = ctx.createSSLEngine();
        fresh.setSSLParameters(p);
        SSLEngine touched = ctx.createSSLEngine();
        touched.setWantClientAuth(false); // its parameters are its own copy before the set
        touched.setSSLParameters(p);
        assertSameParameters(touched.getSSLParameters(), fresh.getSSLParameters());
        assertSameParameters(p, fresh.getSSLParameters());
    }
}
