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
