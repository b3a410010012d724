package dev.customtls.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.RenegotiationInfoExtension;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.session.AntiReplayStore;
import dev.customtls.crypto.DefaultTlsCrypto;
import dev.customtls.pki.TestPki;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

/**
 * The catalogue entries for TLS 1.2 and for resumption (continued from {@link AttackCatalogueTest}):
 * downgrade sentinel, RSA premaster version rollback, Bleichenbacher/ROBOT, renegotiation, bad PSK
 * binder, 0-RTT replay.
 */
class Tls12AndResumptionAttackTest {

    private static void assertAlert(AlertDescription alert, SSLException e) {
        assertNotNull(e, "expected " + alert.rfcName());
        assertTrue(e.getMessage().startsWith("(" + alert.rfcName() + ")"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Downgrade protection (RFC 8446 section 4.1.3)

    private static SSLException clientOfferingTls13GetsTls12ServerHello(byte[] randomTail) throws Exception {
        SSLEngine c = AttackPeers.client(AttackPeers.context("TLS"));
        c.beginHandshake();
        ClientHello ch = ClientHelloEdit.decode(AttackPeers.drain(c));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        System.arraycopy(randomTail, 0, random, 24, 8);
        ServerHello sh = new ServerHello(0x0303, random, ch.legacySessionId(), 0xc02b, 0,
                Extensions.of(new RenegotiationInfoExtension(new byte[0])));
        return AttackPeers.feed(c, AttackPeers.record(22, 0x0303, sh.encode()), null);
    }

    @Test
    void downgradeSentinelTls12Refused() throws Exception {
        byte[] sentinel = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, clientOfferingTls13GetsTls12ServerHello(sentinel));
    }

    @Test
    void downgradeSentinelTls11Refused() throws Exception {
        byte[] sentinel = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00};
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, clientOfferingTls13GetsTls12ServerHello(sentinel));
    }

    // ---------------------------------------------------------------------------------------------
    // RSA key exchange: Bleichenbacher / ROBOT (Böck et al. 2018) and version rollback (RFC 5246 7.4.7.1)

    /** What the server's handshake calls (RsaPremasterSecretTest covers each backend and path). */
    private static byte[] decryptPremaster(PrivateKey key, byte[] encrypted, int clientVersion) {
        return DefaultTlsCrypto.instance().rsaPremasterSecret(key, encrypted, clientVersion);
    }

    private static byte[] rsaEncrypt(KeyPair kp, byte[] plain) throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, kp.getPublic());
        return rsa.doFinal(plain);
    }

    /**
     * Every malformed ClientKeyExchange (bad padding, wrong length, wrong version, garbage, empty) yields a
     * 48-byte premaster and no exception: the same path as a good one, so no oracle.
     */
    @Test
    void bleichenbacherRobotNoObservableDifference() throws Exception {
        KeyPair kp = TestPki.KeyType.RSA_2048.generate();
        byte[] good = new byte[48];
        new SecureRandom().nextBytes(good);
        good[0] = 3;
        good[1] = 3;
        byte[] ok = decryptPremaster(kp.getPrivate(), rsaEncrypt(kp, good), 0x0303);
        assertArrayEquals(good, ok, "a correct premaster is used");
        byte[] badPadding = rsaEncrypt(kp, good);
        badPadding[10] ^= 0x40;
        byte[][] hostile = {badPadding, rsaEncrypt(kp, Arrays.copyOf(good, 47)), rsaEncrypt(kp, Arrays.copyOf(good, 49)),
                rsaEncrypt(kp, new byte[0]), new byte[256], new byte[0], new byte[3]};
        for (byte[] h : hostile) {
            byte[] pm = decryptPremaster(kp.getPrivate(), h, 0x0303);
            assertEquals(48, pm.length);
            assertEquals(3, pm[0]);
            assertEquals(3, pm[1]);
            assertFalse(Arrays.equals(good, pm), "a random premaster replaces a malformed one");
        }
    }

    @Test
    void rsaPremasterVersionRollbackRefused() throws Exception {
        KeyPair kp = TestPki.KeyType.RSA_2048.generate();
        byte[] rolledBack = new byte[48];
        new SecureRandom().nextBytes(rolledBack);
        rolledBack[0] = 3;
        rolledBack[1] = 1; // TLS 1.0 inside, while the ClientHello said TLS 1.2
        byte[] pm = decryptPremaster(kp.getPrivate(), rsaEncrypt(kp, rolledBack), 0x0303);
        assertEquals(0x0303, ((pm[0] & 0xff) << 8) | (pm[1] & 0xff));
        assertFalse(Arrays.equals(rolledBack, pm));
    }

    // ---------------------------------------------------------------------------------------------
    // Renegotiation (and so the triple handshake, Bhargavan et al. 2014) is refused.

    private static SSLContext sunContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(AttackPeers.PKI.trustStore());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(AttackPeers.SERVER.toKeyStore("key"), TestPki.PASSWORD);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Pumps records between the two engines until neither has anything to send; returns the first failure. */
    private static SSLException pump(SSLEngine a, SSLEngine b) throws Exception {
        for (int i = 0; i < 50; i++) {
            byte[] ab = AttackPeers.drain(a);
            SSLException e = AttackPeers.feed(b, ab, null);
            if (e != null) {
                return e;
            }
            byte[] ba = AttackPeers.drain(b);
            e = AttackPeers.feed(a, ba, null);
            if (e != null) {
                return e;
            }
            if (ab.length == 0 && ba.length == 0) {
                return null;
            }
        }
        throw new AssertionError("no end");
    }

    @Test
    void clientInitiatedRenegotiationRefused() throws Exception {
        SSLEngine client = sunContext().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        SSLEngine server = AttackPeers.server(AttackPeers.context("TLS"));
        client.beginHandshake();
        server.beginHandshake();
        assertNull(pump(client, server));
        assertEquals("TLSv1.2", server.getSession().getProtocol());
        client.beginHandshake(); // SunJSSE renegotiates: a new ClientHello under the current keys
        SSLException refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            byte[] renegotiation = AttackPeers.drain(client);
            if (renegotiation.length == 0) {
                ByteBuffer out = ByteBuffer.allocate(1 << 16);
                SSLEngineResult r = client.wrap(ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)), out);
                renegotiation = Arrays.copyOf(out.array(), out.position());
                assertTrue(r.bytesProduced() > 0);
            }
            refused = AttackPeers.feed(server, renegotiation, null);
        }
        assertAlert(AlertDescription.HANDSHAKE_FAILURE, refused);
    }

    // ---------------------------------------------------------------------------------------------
    // Resumption

    /** RFC 8446 section 4.2.11.2: a ClientHello whose PSK binder does not verify is refused. */
    @Test
    void badPskBinderRefused() throws Exception {
        SSLContext clientCtx = AttackPeers.context("TLSv1.3");
        SSLContext serverCtx = AttackPeers.context("TLSv1.3");
        SSLEngine c1 = AttackPeers.client(clientCtx);
        SSLEngine s1 = AttackPeers.server(serverCtx);
        c1.beginHandshake();
        s1.beginHandshake();
        assertNull(pump(c1, s1));
        // The tickets arrive after the handshake: a read on the client processes them.
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        s1.wrap(ByteBuffer.wrap(new byte[] {1}), out);
        assertNull(AttackPeers.feed(c1, Arrays.copyOf(out.array(), out.position()), null));

        SSLEngine c2 = AttackPeers.client(clientCtx);
        c2.beginHandshake();
        byte[] ch = AttackPeers.drain(c2);
        ClientHello decoded = ClientHelloEdit.decode(ch);
        org.junit.jupiter.api.Assumptions.assumeTrue(decoded.extensions().has(41), "the client offers its ticket");
        ch[ch.length - 1] ^= 0x01; // the binder is the last thing in the ClientHello (pre_shared_key is last)
        SSLEngine s2 = AttackPeers.server(serverCtx);
        s2.beginHandshake();
        assertAlert(AlertDescription.DECRYPT_ERROR, AttackPeers.feed(s2, ch, null));
    }

    /** RFC 8446 section 8: a ticket carrying 0-RTT data is accepted once; a replay is not. */
    @Test
    void zeroRttReplayDetected() {
        AntiReplayStore store = new AntiReplayStore(16);
        byte[] ticket = "ticket-identity".getBytes(StandardCharsets.US_ASCII);
        long now = System.currentTimeMillis();
        assertTrue(store.firstUse(ticket, now + 60_000, now));
        assertFalse(store.firstUse(ticket.clone(), now + 60_000, now + 1), "replayed");
    }
}
