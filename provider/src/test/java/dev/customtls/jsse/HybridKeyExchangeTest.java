package dev.customtls.jsse;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.ServerHello;
import dev.customtls.pki.TestPki;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * X25519MLKEM768 between two Custom engines, named through {@code jdk.tls.namedGroups} as with SunJSSE on the JDKs
 * that have it: the client sends its 1,216-byte share, the server answers with a 1,120-byte one, data flows under
 * the keys derived from the hybrid secret. And a client that does not name the group never offers it.
 */
class HybridKeyExchangeTest {

    private static final TestPki PKI = EngineSmokeTest.PKI;

    private static SSLContext context(String namedGroups) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", new CustomProvider());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(PKI.issue(TestPki.KeyType.EC_P256, "localhost").toKeyStore("k"), TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        Map<String, String> system = namedGroups == null ? Map.of() : Map.of("jdk.tls.namedGroups", namedGroups);
        return TemporaryProperties.with(system, () -> {
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        });
    }

    /** Records the ClientHello's key shares and the ServerHello's. */
    private static final class Shares implements HandshakeListener {
        final List<Integer> offered = new ArrayList<>();
        final List<Integer> offeredLengths = new ArrayList<>();
        int chosen = -1;
        int chosenLength = -1;
        int retries;

        @Override
        public void messageSent(HandshakeMessage m) {
            if (m instanceof ClientHello ch) {
                KeyShareClientHello ks = ch.extensions().get(KeyShareClientHello.class);
                ks.shares().forEach(e -> {
                    offered.add(e.group());
                    offeredLengths.add(e.keyExchange().length);
                });
            }
        }

        @Override
        public void messageReceived(HandshakeMessage m) {
            if (m instanceof ServerHello sh) {
                KeyShareServerHello ks = sh.extensions().get(KeyShareServerHello.class);
                if (ks == null) {
                    retries++; // a HelloRetryRequest carries KeyShareHelloRetryRequest instead
                    return;
                }
                chosen = ks.share().group();
                chosenLength = ks.share().keyExchange().length;
            }
        }
    }

    private static Shares handshake(SSLContext clientCtx, SSLContext serverCtx) throws Exception {
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverCtx.createSSLEngine();
        server.setUseClientMode(false);
        Shares shares = new Shares();
        ((HandshakeObservable) client).setHandshakeListener(shares);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        byte[] data = "after a hybrid key exchange".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(data, pair.transfer(data, true));
        assertArrayEquals(data, pair.transfer(data, false));
        return shares;
    }

    @Test
    void hybridGroupNegotiatedWhenBothNameIt() throws Exception {
        SSLContext both = context("X25519MLKEM768,x25519");
        Shares s = handshake(both, both);
        // The hybrid first, and x25519 too so that a server without the hybrid needs no HelloRetryRequest.
        assertEquals(List.of(NamedGroup.X25519MLKEM768.code(), NamedGroup.X25519.code()), s.offered,
                "the client's key shares");
        assertEquals(List.of(1184 + 32, 32), s.offeredLengths);
        assertEquals(0, s.retries);
        assertEquals(NamedGroup.X25519MLKEM768.code(), s.chosen, "the server's key share group");
        assertEquals(1088 + 32, s.chosenLength);
    }

    @Test
    void serverWithoutItTakesTheX25519ShareWithoutRetry() throws Exception {
        Shares s = handshake(context("X25519MLKEM768,x25519"), context("x25519"));
        assertEquals(0, s.retries, "no HelloRetryRequest: the client also sent an x25519 share");
        assertEquals(NamedGroup.X25519.code(), s.chosen);
    }

    @Test
    void companionShareIsTheFirstClassicalGroupAndNoneWhenThereIsNone() throws Exception {
        Shares s = handshake(context("X25519MLKEM768,secp256r1"), context("x25519,secp256r1"));
        assertEquals(List.of(NamedGroup.X25519MLKEM768.code(), NamedGroup.SECP256R1.code()), s.offered);
        assertEquals(0, s.retries);
        assertEquals(NamedGroup.SECP256R1.code(), s.chosen);
        Shares only = handshake(context("X25519MLKEM768"), context("X25519MLKEM768"));
        assertEquals(List.of(NamedGroup.X25519MLKEM768.code()), only.offered);
    }

    @Test
    void notOfferedByDefault() throws Exception {
        Shares s = handshake(context(null), context(null));
        assertFalse(s.offered.contains(NamedGroup.X25519MLKEM768.code()));
        assertEquals(NamedGroup.X25519.code(), s.chosen);
    }

    /**
     * JDK 20+: an engine's parameters name the groups in use, as SunJSSE's do, so code can add one to them
     * (here the hybrid, in front) without knowing the defaults.
     */
    @Test
    void parametersNameTheGroupsInUse() throws Exception {
        java.lang.reflect.Method get;
        java.lang.reflect.Method set;
        try {
            get = javax.net.ssl.SSLParameters.class.getMethod("getNamedGroups");
            set = javax.net.ssl.SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            org.junit.jupiter.api.Assumptions.abort("SSLParameters.getNamedGroups exists from JDK 20 on");
            return;
        }
        SSLContext ctx = context(null);
        String[] defaults = (String[]) get.invoke(ctx.getDefaultSSLParameters());
        assertNotNull(defaults, "the context's default parameters name no groups");
        assertEquals("x25519", defaults[0]);
        assertFalse(List.of(defaults).contains("X25519MLKEM768"), "the hybrid is not a default");
        SSLEngine client = ctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            javax.net.ssl.SSLParameters p = e.getSSLParameters();
            String[] groups = (String[]) get.invoke(p);
            assertArrayEquals(defaults, groups, "an engine on the defaults");
            String[] more = new String[groups.length + 1];
            more[0] = "X25519MLKEM768";
            System.arraycopy(groups, 0, more, 1, groups.length);
            set.invoke(p, (Object) more);
            e.setSSLParameters(p);
            assertArrayEquals(more, (String[]) get.invoke(e.getSSLParameters()));
        }
        Shares shares = new Shares();
        ((HandshakeObservable) client).setHandshakeListener(shares);
        new EnginePair(client, server).handshake();
        assertEquals(NamedGroup.X25519MLKEM768.code(), shares.offered.get(0));
        assertEquals(NamedGroup.X25519MLKEM768.code(), shares.chosen);
    }

    /** JDK 20+: SSLParameters.setNamedGroups picks X25519MLKEM768 on the engines, without any property. */
    @Test
    void namedGroupsFromSslParameters() throws Exception {
        java.lang.reflect.Method set;
        try {
            set = javax.net.ssl.SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            org.junit.jupiter.api.Assumptions.abort("SSLParameters.setNamedGroups exists from JDK 20 on");
            return;
        }
        SSLContext ctx = context(null);
        SSLEngine client = ctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            javax.net.ssl.SSLParameters p = e.getSSLParameters();
            set.invoke(p, (Object) new String[] {"X25519MLKEM768"});
            e.setSSLParameters(p);
        }
        Shares shares = new Shares();
        ((HandshakeObservable) client).setHandshakeListener(shares);
        new EnginePair(client, server).handshake();
        assertEquals(List.of(NamedGroup.X25519MLKEM768.code()), shares.offered, "shares follow the engine's groups");
        assertEquals(NamedGroup.X25519MLKEM768.code(), shares.chosen);

        // Naming only groups that are not supported leaves nothing to offer: a local failure, not an empty list.
        SSLEngine lonely = ctx.createSSLEngine("localhost", 443);
        lonely.setUseClientMode(true);
        javax.net.ssl.SSLParameters p = lonely.getSSLParameters();
        set.invoke(p, (Object) new String[] {"no-such-group"});
        lonely.setSSLParameters(p);
        javax.net.ssl.SSLHandshakeException e = assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> {
            lonely.beginHandshake();
            lonely.wrap(java.nio.ByteBuffer.allocate(0), java.nio.ByteBuffer.allocate(1 << 17));
        });
        assertTrue(e.getMessage().contains("No key exchange group to offer"), e.getMessage());
    }
}
