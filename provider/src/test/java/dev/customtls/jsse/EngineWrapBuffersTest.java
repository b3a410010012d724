package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * wrap and unwrap with the buffer shapes applications use: a heap slice (non-zero array offset) written from
 * a non-zero position, source and destination in one array, a direct destination. In every case the peer
 * reads exactly what was written, and the bytes around the records are left alone.
 */
class EngineWrapBuffersTest {

    private static EnginePair established(String protocol) throws Exception {
        ResumptionEngineTest.Side side = new ResumptionEngineTest.Side("Custom");
        SSLEngine c = side.ctx.createSSLEngine();
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {protocol});
        SSLEngine s = side.ctx.createSSLEngine();
        s.setUseClientMode(false);
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        // deliver what is still queued in the pair (the server's NewSessionTicket) before driving by hand
        assertArrayEquals(new byte[] {1}, pair.transfer(new byte[] {1}, false));
        assertArrayEquals(new byte[] {2}, pair.transfer(new byte[] {2}, true));
        return pair;
    }

    private static byte[] unwrapAll(SSLEngine to, ByteBuffer net) throws Exception {
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        while (net.hasRemaining()) {
            SSLEngineResult r = to.unwrap(net, app);
            assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        }
        return Arrays.copyOf(app.array(), app.position());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void sealsIntoSlicesSharedArraysAndDirectBuffers(String protocol) throws Exception {
        EnginePair pair = established(protocol);
        byte[] data = new byte[20000];
        new Random(7).nextBytes(data);

        // A heap slice with a non-zero array offset, written from position 3 on.
        byte[] backing = new byte[70000];
        Arrays.fill(backing, (byte) 0x5a);
        ByteBuffer dst = ByteBuffer.wrap(backing, 11, 60000).slice();
        dst.position(3);
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, pair.client.wrap(src, dst).getStatus());
        }
        for (int i = 0; i < 14; i++) {
            assertEquals((byte) 0x5a, backing[i], "byte " + i + " before the records is untouched");
        }
        for (int i = 11 + dst.position(); i < backing.length; i++) {
            assertEquals((byte) 0x5a, backing[i], "byte " + i + " after the records is untouched");
        }
        dst.flip();
        dst.position(3);
        assertArrayEquals(data, unwrapAll(pair.server, dst));

        // Source and destination in one array (disjoint regions): the input is read before anything is sealed.
        byte[] shared = new byte[80000];
        System.arraycopy(data, 0, shared, 0, data.length);
        ByteBuffer src2 = ByteBuffer.wrap(shared, 0, data.length);
        ByteBuffer dst2 = ByteBuffer.wrap(shared, 30000, 50000).slice();
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        while (src2.hasRemaining()) {
            dst2.clear();
            SSLEngineResult r = pair.server.wrap(src2, dst2);
            assertEquals(SSLEngineResult.Status.OK, r.getStatus());
            dst2.flip();
            net.put(dst2);
        }
        net.flip();
        assertArrayEquals(data, unwrapAll(pair.client, net));

        // A direct destination goes through the scratch array.
        ByteBuffer direct = ByteBuffer.allocateDirect(1 << 16);
        ByteBuffer src3 = ByteBuffer.wrap(data);
        while (src3.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, pair.client.wrap(src3, direct).getStatus());
        }
        direct.flip();
        ByteBuffer heap = ByteBuffer.allocate(direct.remaining());
        heap.put(direct).flip();
        assertArrayEquals(data, unwrapAll(pair.server, heap));
    }

    /** Wraps all of {@code data} with {@code from} into one heap buffer, flipped for reading. */
    private static ByteBuffer sealAll(SSLEngine from, byte[] data) throws Exception {
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer net = ByteBuffer.allocate(data.length + 4096);
        while (src.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, from.wrap(src, net).getStatus());
        }
        return net.flip();
    }

    /**
     * unwrap opens application data straight into a lone heap destination: from a heap slice at a non-zero
     * position into a slice; into several buffers at once, into a buffer of the source's array and into a
     * direct buffer it goes through the scratch arrays. The peer always reads exactly what was sent, the source is never written, and
     * nothing outside the destination's remaining space is touched.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void opensFromSlicesSharedArraysAndReadOnlyBuffers(String protocol) throws Exception {
        EnginePair pair = established(protocol);
        byte[] data = new byte[20000];
        new Random(11).nextBytes(data);

        // Records in a heap slice with a non-zero array offset, read from position 7 on, into a slice.
        ByteBuffer sealed = sealAll(pair.client, data);
        int recordsLength = sealed.remaining();
        byte[] backing = new byte[recordsLength + 40];
        Arrays.fill(backing, (byte) 0x5a);
        System.arraycopy(sealed.array(), 0, backing, 20, recordsLength);
        ByteBuffer src = ByteBuffer.wrap(backing, 13, recordsLength + 7).slice();
        src.position(7);
        byte[] appBacking = new byte[30000];
        Arrays.fill(appBacking, (byte) 0x33);
        ByteBuffer app = ByteBuffer.wrap(appBacking, 5, 25000).slice();
        while (src.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, pair.server.unwrap(src, app).getStatus());
        }
        assertArrayEquals(data, Arrays.copyOfRange(appBacking, 5, 5 + data.length));
        for (int i = 0; i < 20; i++) {
            assertEquals((byte) 0x5a, backing[i], "byte " + i + " before the records is untouched");
        }
        for (int i = 20 + recordsLength; i < backing.length; i++) {
            assertEquals((byte) 0x5a, backing[i], "byte " + i + " after the records is untouched");
        }
        assertArrayEquals(Arrays.copyOfRange(sealed.array(), 0, recordsLength),
                Arrays.copyOfRange(backing, 20, 20 + recordsLength), "the records are not written");
        for (int i = 0; i < 5; i++) {
            assertEquals((byte) 0x33, appBacking[i], "byte " + i + " before the slice is untouched");
        }
        for (int i = 5 + 25000; i < appBacking.length; i++) {
            assertEquals((byte) 0x33, appBacking[i], "byte " + i + " after the slice's limit is untouched");
        }

        // Several destinations: each record is scattered over them in order.
        ByteBuffer net = sealAll(pair.server, data);
        ByteBuffer[] parts = {ByteBuffer.allocate(3), ByteBuffer.allocate(5000), ByteBuffer.allocate(20000)};
        while (net.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, pair.client.unwrap(net, parts).getStatus());
        }
        ByteBuffer joined = ByteBuffer.allocate(data.length);
        for (ByteBuffer part : parts) {
            joined.put(part.flip());
        }
        assertArrayEquals(data, joined.array());

        // Destination in the source's array (disjoint regions).
        ByteBuffer sealed2 = sealAll(pair.client, data);
        byte[] shared = new byte[sealed2.remaining() + 25000];
        int records2 = sealed2.remaining();
        sealed2.get(shared, 0, records2);
        ByteBuffer src2 = ByteBuffer.wrap(shared, 0, records2);
        ByteBuffer app2 = ByteBuffer.wrap(shared, records2, 25000).slice();
        while (src2.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, pair.server.unwrap(src2, app2).getStatus());
        }
        assertArrayEquals(data, Arrays.copyOfRange(shared, records2, records2 + data.length));

        // A direct destination: the record is opened into the engine's second scratch array, then copied.
        ByteBuffer sealed4 = sealAll(pair.client, data);
        ByteBuffer directApp = ByteBuffer.allocateDirect(25000);
        while (sealed4.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, pair.server.unwrap(sealed4, directApp).getStatus());
        }
        byte[] fromDirect = new byte[directApp.flip().remaining()];
        directApp.get(fromDirect);
        assertArrayEquals(data, fromDirect);

        // A read-only source is copied into the scratch array: its bytes stay as they were.
        ByteBuffer sealed3 = sealAll(pair.server, data);
        byte[] before = Arrays.copyOf(sealed3.array(), sealed3.limit());
        ByteBuffer readOnly = sealed3.asReadOnlyBuffer();
        assertArrayEquals(data, unwrapAll(pair.client, readOnly));
        assertArrayEquals(before, Arrays.copyOf(sealed3.array(), sealed3.limit()));
    }

    /**
     * A post-handshake message (here a KeyUpdate, which TLS 1.3's {@code beginHandshake} sends) opened in the
     * application's buffer produces nothing and is wiped from it; data flows both ways afterwards.
     */
    @org.junit.jupiter.api.Test
    void postHandshakeMessageOpenedInTheApplicationBufferIsWiped() throws Exception {
        EnginePair pair = established("TLSv1.3");
        pair.client.beginHandshake();
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        assertEquals(SSLEngineResult.Status.OK, pair.client.wrap(ByteBuffer.allocate(0), net).getStatus());
        net.flip();
        assertEquals(true, net.remaining() > 0, "the client sent its KeyUpdate");
        byte[] appBacking = new byte[1 << 15];
        Arrays.fill(appBacking, (byte) 0x33);
        ByteBuffer app = ByteBuffer.wrap(appBacking);
        SSLEngineResult r = pair.server.unwrap(net, app);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(0, r.bytesProduced());
        assertEquals(0, app.position());
        int opened = net.position() - 5 - 16; // header and tag; the rest was opened in place at app's position
        for (int i = 0; i < opened; i++) {
            assertEquals(0, appBacking[i], "byte " + i + " of the opened KeyUpdate is wiped");
        }
        for (int i = opened; i < appBacking.length; i++) {
            assertEquals((byte) 0x33, appBacking[i], "byte " + i + " is untouched");
        }
        // the server answers with its own KeyUpdate on its next wrap; both directions still work
        assertArrayEquals(new byte[] {9, 8, 7}, pair.transfer(new byte[] {9, 8, 7}, false));
        assertArrayEquals(new byte[] {6, 5}, pair.transfer(new byte[] {6, 5}, true));
    }

    /**
     * Results are immutable, so equal results may be one object: records of one size, wrapped and unwrapped on
     * one engine in turn, reuse the wrap result and the unwrap result; every result still carries its own call's
     * figures when the sizes change.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void resultsOfRepeatedEqualCallsAreSharedAndStillExact(String protocol) throws Exception {
        EnginePair pair = established(protocol);
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        SSLEngineResult[] wraps = new SSLEngineResult[4];
        SSLEngineResult[] unwraps = new SSLEngineResult[4];
        int[] sizes = {100, 100, 7, 100};
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = new byte[sizes[i]];
            Arrays.fill(data, (byte) i);
            net.clear();
            wraps[i] = pair.client.wrap(ByteBuffer.wrap(data), net);
            net.flip();
            int sealed = net.remaining();
            // the peer's answer goes through the same client engine, so wrap and unwrap results alternate there
            app.clear();
            unwraps[i] = pair.server.unwrap(net, app);
            assertEquals(SSLEngineResult.Status.OK, wraps[i].getStatus());
            assertEquals(sizes[i], wraps[i].bytesConsumed());
            assertEquals(sealed, wraps[i].bytesProduced());
            assertEquals(sealed, unwraps[i].bytesConsumed());
            assertEquals(sizes[i], unwraps[i].bytesProduced());
            assertArrayEquals(data, Arrays.copyOf(app.array(), app.position()));
            ByteBuffer back = ByteBuffer.allocate(1 << 16);
            assertEquals(SSLEngineResult.Status.OK, pair.server.wrap(ByteBuffer.wrap(data), back).getStatus());
            back.flip();
            app.clear();
            SSLEngineResult r = pair.client.unwrap(back, app);
            assertEquals(sizes[i], r.bytesProduced());
        }
        assertSame(wraps[0], wraps[1]);
        assertSame(unwraps[0], unwraps[1]);
        assertNotSame(wraps[1], wraps[2]);
        assertNotSame(unwraps[1], unwraps[2]);
    }
}
