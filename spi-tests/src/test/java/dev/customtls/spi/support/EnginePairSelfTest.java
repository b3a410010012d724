package dev.customtls.spi.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLEngine;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that the test harness itself can fail: stalls, broken handshakes and wire parsing. */
@Timeout(60)
class EnginePairSelfTest {

    @Test
    void twoServersStallAndTheDriverSaysSo() {
        SSLEngine a = EngineBuilder.server(Providers.SUN_JSSE).build();
        SSLEngine b = EngineBuilder.server(Providers.SUN_JSSE).build();
        AssertionError e = assertThrows(AssertionError.class, () -> new EnginePair(a, b).handshake());
        assertTrue(e.getMessage().contains("no progress"), e.getMessage());
    }

    @Test
    void twoClientsFailAndTheOutcomeReportsBoth() {
        SSLEngine a = EngineBuilder.client(Providers.SUN_JSSE).build();
        SSLEngine b = EngineBuilder.client(Providers.SUN_JSSE).build();
        EnginePair.Outcome o = new EnginePair(a, b).handshakeOutcome();
        assertNotNull(o.clientFailure(), "a ClientHello sent to a client must fail it");
        assertNotNull(o.serverFailure(), "a ClientHello sent to a client must fail it");
        SSLEngine c = EngineBuilder.client(Providers.SUN_JSSE).build();
        SSLEngine d = EngineBuilder.client(Providers.SUN_JSSE).build();
        assertThrows(AssertionError.class, () -> new EnginePair(c, d).handshake());
    }

    @Test
    void trickleRejectsZero() {
        EnginePair pair = new EnginePair(EngineBuilder.client(Providers.SUN_JSSE).build(),
                EngineBuilder.server(Providers.SUN_JSSE).build());
        assertThrows(IllegalArgumentException.class, () -> pair.trickle(0));
    }

    @Test
    void unknownProviderFailsWithProviderNotFound() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Providers.sslContext("NoSuchProvider", null, null));
        assertEquals("NoSuchProvider provider not found", e.getMessage());
    }

    @Test
    void wireReaderFindsHelloRetryRequestAndServerHello() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(record(22, serverHello(TlsWire.HRR_RANDOM, "002b000203040033000200" + "18")));
        wire.writeBytes(new byte[] {20, 3, 3, 0, 1, 1});
        byte[] random = new byte[32];
        random[0] = 1;
        wire.writeBytes(record(22, serverHello(random, "002b00020304" + "0033000500180001" + "aa")));
        wire.writeBytes(new byte[] {23, 3, 3, 0, 2, 9, 9});
        List<TlsWire.ServerHello> hellos = TlsWire.serverHellos(wire.toByteArray());
        assertEquals(2, hellos.size());
        assertTrue(hellos.get(0).helloRetryRequest());
        assertEquals(0x18, hellos.get(0).keyShareGroup());
        assertFalse(hellos.get(1).helloRetryRequest());
        assertEquals(0x18, hellos.get(1).keyShareGroup());
        assertEquals(0x1301, hellos.get(1).cipherSuite());
        assertEquals(0x0304, TlsWire.finalServerHello(wire.toByteArray()).selectedVersion());
    }

    @Test
    void patternDetectsChangedByte() {
        byte[] data = TestData.pattern(70_000, 1);
        assertEquals(-1, TestData.firstMismatch(data, data.length, 1));
        data[65_536]++;
        assertEquals(65_536, TestData.firstMismatch(data, data.length, 1));
        assertEquals(0, TestData.firstMismatch(data, data.length, 2));
    }

    /** A ServerHello body: version, random, empty session id, TLS_AES_128_GCM_SHA256, null compression. */
    private static byte[] serverHello(byte[] random, String extensionsHex) {
        byte[] ext = HexFormat.of().parseHex(extensionsHex);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(random);
        body.writeBytes(new byte[] {0, 0x13, 0x01, 0, (byte) (ext.length >> 8), (byte) ext.length});
        body.writeBytes(ext);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(new byte[] {2, 0, (byte) (b.length >> 8), (byte) b.length});
        msg.writeBytes(b);
        return msg.toByteArray();
    }

    private static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes(new byte[] {(byte) type, 3, 3, (byte) (fragment.length >> 8), (byte) fragment.length});
        r.writeBytes(fragment);
        return r.toByteArray();
    }
}
