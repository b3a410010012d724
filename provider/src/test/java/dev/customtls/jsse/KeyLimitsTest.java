package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.connection.TlsConfig.KeyUpdateLimits;
import dev.customtls.pki.TestPki;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.Security;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security property {@code jdk.tls.keyLimits} (TLS 1.3, RFC 8446 section 4.6.3), read at
 * {@code SSLContext.init}: a sender replaces its traffic key with a KeyUpdate once the key protected that many
 * bytes; a receiver whose peer's key did asks the peer to replace it (update_requested), as SunJSSE does. The
 * KeyUpdates of {@code Custom} are counted on the wire: its protected KeyUpdate record is 22 bytes long
 * (4 + 1 + 1 + 16), the application data here is sent in full 16 KiB records.
 */
class KeyLimitsTest {
    private static final String PROPERTY = "jdk.tls.keyLimits";
    private static final int RECORD = 16384;
    private static final int RECORDS = 64;
    /** Length of a protected KeyUpdate record's fragment. */
    private static final int KEY_UPDATE_FRAGMENT = 22;

    @Test
    void propertyIsReadAsSunJsseReadsIt() {
        assertEquals(new KeyUpdateLimits(1L << 37, 1L << 37), ContextSettings.keyUpdateLimits(
                "AES/GCM/NoPadding KeyUpdate 2^37, ChaCha20-Poly1305 KeyUpdate 2^37"));
        assertEquals(new KeyUpdateLimits(1000, 0), ContextSettings.keyUpdateLimits(" aes/gcm/nopadding keyupdate 1000 "));
        assertEquals(new KeyUpdateLimits(0, 1L << 62), ContextSettings.keyUpdateLimits("ChaCha20-Poly1305 KeyUpdate 2^62"));
        assertEquals(KeyUpdateLimits.NONE, ContextSettings.keyUpdateLimits(null));
        // Out of range, not a number, another action, another cipher: ignored.
        for (String ignored : new String[] {"AES/GCM/NoPadding KeyUpdate 2^63", "AES/GCM/NoPadding KeyUpdate 0",
                "AES/GCM/NoPadding KeyUpdate -5", "AES/GCM/NoPadding KeyUpdate lots", "AES/GCM/NoPadding Rekey 100",
                "AES/CBC/NoPadding KeyUpdate 100", "AES/GCM/NoPadding KeyUpdate", ""}) {
            assertEquals(KeyUpdateLimits.NONE, ContextSettings.keyUpdateLimits(ignored), ignored);
        }
        // The JDK's own java.security sets both (to 2^37 bytes): Custom uses the same limits as SunJSSE.
        KeyUpdateLimits jdk = ContextSettings.keyUpdateLimits(Security.getProperty(PROPERTY));
        assertTrue(jdk.aesGcm() > 0 && jdk.chaCha20Poly1305() > 0, jdk.toString());
    }

    private static SSLContext custom(String keyLimits) throws Exception {
        return TemporaryProperties.with(Map.of(), Map.of(PROPERTY, keyLimits),
                () -> Tls12EngineTest.context("Custom", "TLSv1.3", TestPki.KeyType.EC_P256));
    }

    private static SSLContext context(String provider) throws Exception {
        return Tls12EngineTest.context(provider, "TLSv1.3", TestPki.KeyType.EC_P256);
    }

    @ParameterizedTest(name = "{0} with {1}: {2} KeyUpdates")
    @CsvSource({
            "TLS_AES_128_GCM_SHA256, AES/GCM/NoPadding KeyUpdate 2^16, 16",
            "TLS_AES_256_GCM_SHA384, AES/GCM/NoPadding KeyUpdate 65536, 16",
            "TLS_CHACHA20_POLY1305_SHA256, ChaCha20-Poly1305 KeyUpdate 2^16, 16",
            "TLS_AES_128_GCM_SHA256, ChaCha20-Poly1305 KeyUpdate 2^16, 0",
            "TLS_CHACHA20_POLY1305_SHA256, AES/GCM/NoPadding KeyUpdate 2^16, 0",
            "TLS_AES_128_GCM_SHA256, AES/GCM/NoPadding KeyUpdate 2^20, 1"})
    void aSenderReplacesItsKeyAtTheLimit(String suite, String keyLimits, int expected) throws Exception {
        for (String peer : new String[] {"Custom", "SunJSSE"}) {
            EnginePair pair = Tls12EngineTest.pair(custom(keyLimits), context(peer), suite);
            Flow flow = established(pair);
            byte[] data = flow.send(RECORDS);
            assertArrayEquals(data, flow.received.toByteArray(), "data lost or reordered, peer " + peer);
            // 4 records of 16,401 bytes pass 2^16: a KeyUpdate after every fourth (the last one's may be pending).
            assertTrue(flow.senderKeyUpdates == expected || flow.senderKeyUpdates == expected - 1,
                    flow.senderKeyUpdates + " KeyUpdates, peer " + peer);
            assertEquals(0, flow.receiverKeyUpdates, "the receiver had nothing to update, peer " + peer);
        }
    }

    @ParameterizedTest(name = "sender {0}")
    @ValueSource(strings = {"Custom", "SunJSSE"})
    void aReceiverAsksThePeerToReplaceItsKey(String sender) throws Exception {
        EnginePair pair = Tls12EngineTest.pair(context(sender), custom("AES/GCM/NoPadding KeyUpdate 2^16"),
                "TLS_AES_128_GCM_SHA256");
        Flow flow = established(pair);
        byte[] data = flow.send(RECORDS);
        assertArrayEquals(data, flow.received.toByteArray());
        // Each request (a KeyUpdate with update_requested, which replaces the receiver's key too) is answered
        // by the sender's own KeyUpdate, which resets the count: as a request is made once per key of the
        // sender, a dozen requests show a dozen answers.
        assertTrue(flow.receiverKeyUpdates >= 14 && flow.receiverKeyUpdates <= 16, flow.receiverKeyUpdates + " requests");
        if (sender.equals("Custom")) { // SunJSSE's records are cut differently, so only ours are counted by size
            assertTrue(flow.senderKeyUpdates >= flow.receiverKeyUpdates - 1
                            && flow.senderKeyUpdates <= flow.receiverKeyUpdates,
                    flow.senderKeyUpdates + " answers to " + flow.receiverKeyUpdates + " requests");
        }
        // And the connection still works the other way.
        assertArrayEquals(new byte[] {9}, pair.transfer(new byte[] {9}, false));
    }

    @Test
    void tinyLimitsOnBothSidesDoNotPingPong() throws Exception {
        // Every record replaces a key and asks the peer to: only application data counts towards a peer's limit,
        // so the KeyUpdates themselves do not start another round (which would end at the limit of 32 KeyUpdates
        // in a row without data).
        String limit = "AES/GCM/NoPadding KeyUpdate 1";
        EnginePair pair = Tls12EngineTest.pair(custom(limit), custom(limit), "TLS_AES_128_GCM_SHA256");
        Flow flow = established(pair);
        byte[] data = flow.send(8);
        assertArrayEquals(data, flow.received.toByteArray());
        assertTrue(flow.senderKeyUpdates >= 8, flow.senderKeyUpdates + " KeyUpdates");
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(new byte[] {(byte) i}, pair.transfer(new byte[] {(byte) i}, i % 3 != 0));
        }
    }

    @Test
    void withoutTheirPropertyNeitherSideUpdates() throws Exception {
        EnginePair pair = Tls12EngineTest.pair(custom("AES/GCM/NoPadding KeyUpdate 2^40"),
                custom("AES/GCM/NoPadding KeyUpdate 2^40"), "TLS_AES_128_GCM_SHA256");
        Flow flow = established(pair);
        flow.send(RECORDS);
        assertEquals(0, flow.senderKeyUpdates);
        assertEquals(0, flow.receiverKeyUpdates);
    }

    /** Handshakes, then drains what each side still has for the other (the NewSessionTicket). */
    private static Flow established(EnginePair pair) throws SSLException {
        pair.handshake();
        assertArrayEquals(new byte[] {1}, pair.transfer(new byte[] {1}, false));
        assertArrayEquals(new byte[] {2}, pair.transfer(new byte[] {2}, true));
        return new Flow(pair.client, pair.server);
    }

    /** Application data from a sender to a receiver one record at a time, with whatever the receiver answers. */
    private static final class Flow {
        final SSLEngine sender;
        final SSLEngine receiver;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int senderKeyUpdates;
        int receiverKeyUpdates;

        Flow(SSLEngine sender, SSLEngine receiver) {
            this.sender = sender;
            this.receiver = receiver;
        }

        byte[] send(int records) throws SSLException {
            byte[] data = new byte[records * RECORD];
            new Random(7).nextBytes(data);
            ByteBuffer src = ByteBuffer.wrap(data);
            while (src.hasRemaining()) {
                ByteBuffer chunk = src.slice().limit(RECORD);
                ByteBuffer net = ByteBuffer.allocate(1 << 16);
                wrapAll(sender, chunk, net);
                src.position(src.position() + RECORD - chunk.remaining());
                senderKeyUpdates += keyUpdates(net);
                unwrapAll(receiver, net, received);
                // The receiver's answer (a KeyUpdate asking for ours), then our answer to it.
                ByteBuffer back = ByteBuffer.allocate(1 << 16);
                wrapAll(receiver, ByteBuffer.allocate(0), back);
                receiverKeyUpdates += keyUpdates(back);
                unwrapAll(sender, back, new ByteArrayOutputStream());
            }
            // Whatever the sender still has to send (a KeyUpdate answering the last request).
            ByteBuffer net = ByteBuffer.allocate(1 << 16);
            wrapAll(sender, ByteBuffer.allocate(0), net);
            senderKeyUpdates += keyUpdates(net);
            unwrapAll(receiver, net, received);
            return data;
        }

        private static void wrapAll(SSLEngine e, ByteBuffer src, ByteBuffer net) throws SSLException {
            do {
                SSLEngineResult r = e.wrap(src, net);
                assertEquals(SSLEngineResult.Status.OK, r.getStatus());
                if (r.bytesProduced() == 0) {
                    break;
                }
            } while (src.hasRemaining() || e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP);
            net.flip();
        }

        private static void unwrapAll(SSLEngine e, ByteBuffer net, ByteArrayOutputStream out) throws SSLException {
            ByteBuffer app = ByteBuffer.allocate(1 << 16);
            while (net.hasRemaining()) {
                SSLEngineResult r = e.unwrap(net, app);
                assertEquals(SSLEngineResult.Status.OK, r.getStatus());
                app.flip();
                out.write(app.array(), 0, app.limit());
                app.clear();
            }
        }

        /** The number of KeyUpdate-sized records in {@code net}, left unread. */
        private static int keyUpdates(ByteBuffer net) {
            int n = 0;
            for (int i = net.position(); i + 5 <= net.limit(); ) {
                int length = (net.get(i + 3) & 0xff) << 8 | net.get(i + 4) & 0xff;
                if (length == KEY_UPDATE_FRAGMENT) {
                    n++;
                }
                i += 5 + length;
            }
            return n;
        }
    }
}
