package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Closure (RFC 8446 section 6.1): in TLS 1.3 a close_notify closes the sender's write side only. The receiver
 * reports its inbound done and may go on sending until it closes its own side, as SunJSSE's engine does by
 * default ({@code jdk.tls.acknowledgeCloseNotify} unset). TLS 1.2 (RFC 5246 section 7.2.1) answers with a
 * close_notify at once, and so does TLS 1.3 when {@code jdk.tls.acknowledgeCloseNotify=true} at init.
 */
class EngineHalfCloseTest {
    private static final String ACKNOWLEDGE = "jdk.tls.acknowledgeCloseNotify";

    /** A context of {@code provider} (TLSv1.3, which also does TLS 1.2 when the client enables only that). */
    private static SSLContext context(String provider) throws Exception {
        return EngineSmokeTest.context(provider, TestPki.KeyType.EC_P256);
    }

    private static EnginePair established(SSLContext clientCtx, SSLContext serverCtx, String protocol)
            throws Exception {
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverCtx.createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        assertEquals(protocol, client.getSession().getProtocol());
        // Delivers what the pair still holds (the server's NewSessionTicket) before the test's own records.
        assertArrayEquals(new byte[] {7}, pair.transfer(new byte[] {7}, false));
        assertArrayEquals(new byte[] {8}, pair.transfer(new byte[] {8}, true));
        return pair;
    }

    /** {@code closer} sends close_notify; returns the bytes, the receiver has not seen them yet. */
    private static ByteBuffer closeNotifyFrom(SSLEngine closer) throws Exception {
        boolean readSideWasOpen = !closer.isInboundDone();
        closer.closeOutbound();
        ByteBuffer net = ByteBuffer.allocate(closer.getSession().getPacketBufferSize());
        SSLEngineResult r = closer.wrap(ByteBuffer.allocate(0), net);
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0, "close_notify produced");
        assertTrue(closer.isOutboundDone());
        assertEquals(readSideWasOpen, !closer.isInboundDone(), "closing our write side leaves our read side as it was");
        return net.flip();
    }

    private static SSLEngineResult unwrapAll(SSLEngine to, ByteBuffer net, ByteBuffer app) throws Exception {
        SSLEngineResult r = null;
        while (net.hasRemaining()) {
            r = to.unwrap(net, app);
            if (r.bytesConsumed() == 0) {
                break;
            }
        }
        return r;
    }

    @ParameterizedTest(name = "{0} closes, {1} still sends ({2} client)")
    @CsvSource({"client,server,Custom,Custom", "server,client,Custom,Custom",
            "client,server,Custom,SunJSSE", "client,server,SunJSSE,Custom",
            "server,client,Custom,SunJSSE", "server,client,SunJSSE,Custom"})
    void tls13ReceiverKeepsWritingAfterCloseNotify(String closerSide, String otherSide, String clientProvider,
                                                   String serverProvider) throws Exception {
        EnginePair pair = established(context(clientProvider), context(serverProvider),
                "TLSv1.3");
        SSLEngine closer = closerSide.equals("client") ? pair.client : pair.server;
        SSLEngine other = otherSide.equals("client") ? pair.client : pair.server;

        ByteBuffer app = ByteBuffer.allocate(other.getSession().getApplicationBufferSize());
        SSLEngineResult r = unwrapAll(other, closeNotifyFrom(closer), app);
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(other.isInboundDone());
        assertFalse(other.isOutboundDone(), "TLS 1.3: the peer's close_notify leaves our write side open");
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, other.getHandshakeStatus(), "nothing to answer with");

        // The receiver's response still goes through, and the closer reads it.
        byte[] reply = "the response after the request's end".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer net = ByteBuffer.allocate(other.getSession().getPacketBufferSize() * 2);
        r = other.wrap(ByteBuffer.wrap(reply), net);
        assertEquals(Status.OK, r.getStatus());
        assertEquals(reply.length, r.bytesConsumed());
        net.flip();
        ByteBuffer got = ByteBuffer.allocate(closer.getSession().getApplicationBufferSize());
        r = closer.unwrap(net, got);
        assertEquals(Status.OK, r.getStatus());
        assertArrayEquals(reply, java.util.Arrays.copyOf(got.array(), got.position()));

        // Then the receiver closes its side too, and the closer sees the end of the connection.
        ByteBuffer last = closeNotifyFrom(other);
        r = unwrapAll(closer, last, got.clear());
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(closer.isInboundDone());
        assertTrue(other.isInboundDone() && other.isOutboundDone());
    }

    @ParameterizedTest(name = "TLS 1.2, {0} client, {1} server")
    @CsvSource({"Custom,Custom", "Custom,SunJSSE", "SunJSSE,Custom"})
    void tls12AnswersCloseNotifyAtOnce(String clientProvider, String serverProvider) throws Exception {
        EnginePair pair = established(context(clientProvider), context(serverProvider),
                "TLSv1.2");
        assertDuplexClose(pair);
    }

    @Test
    void tls13AcknowledgesCloseNotifyWhenConfigured() throws Exception {
        String before = System.getProperty(ACKNOWLEDGE);
        SSLContext serverCtx;
        System.setProperty(ACKNOWLEDGE, "true");
        try {
            serverCtx = context("Custom"); // read at init
        } finally {
            if (before == null) {
                System.clearProperty(ACKNOWLEDGE);
            } else {
                System.setProperty(ACKNOWLEDGE, before);
            }
        }
        assertDuplexClose(established(context("Custom"), serverCtx, "TLSv1.3"));
    }

    /** The client closes; the server answers with close_notify and can send nothing more. */
    private static void assertDuplexClose(EnginePair pair) throws Exception {
        SSLEngine server = pair.server;
        ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        SSLEngineResult r = unwrapAll(server, closeNotifyFrom(pair.client), app);
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(server.isInboundDone());
        assertEquals(HandshakeStatus.NEED_WRAP, server.getHandshakeStatus(), "close_notify to answer with");
        ByteBuffer net = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
        r = server.wrap(ByteBuffer.wrap(new byte[] {1, 2, 3}), net);
        assertEquals(Status.CLOSED, r.getStatus());
        assertEquals(0, r.bytesConsumed(), "no application data after the answer");
        assertTrue(server.isOutboundDone());
        net.flip();
        r = unwrapAll(pair.client, net, ByteBuffer.allocate(pair.client.getSession().getApplicationBufferSize()));
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(pair.client.isInboundDone());
    }
}
