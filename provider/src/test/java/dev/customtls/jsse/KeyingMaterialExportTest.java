package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.SecretKey;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keying material exporters through the JSSE session (RFC 8446 section 7.5, RFC 5705; JDK 25's
 * {@code ExtendedSSLSession.exportKeyingMaterialKey/Data}): both ends of a connection export the same bytes,
 * every connection (a resumed one too) its own, the argument rules, and nothing before the handshake
 * completes. That the bytes are the ones other implementations export is checked against SunJSSE 25, OpenSSL
 * and GnuTLS in spi-tests (the interop matrix's exporter rows, {@code KeyingMaterialExporterInteropTest}).
 */
class KeyingMaterialExportTest {
    private static final String LABEL = "EXPERIMENTAL-export-test";
    private static final byte[] CONTEXT = "context".getBytes(StandardCharsets.US_ASCII);

    private static EnginePair connect(ResumptionEngineTest.Side client, ResumptionEngineTest.Side server,
                                      String protocol) throws Exception {
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {protocol});
        SSLEngine s = server.ctx.createSSLEngine();
        s.setUseClientMode(false);
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        // Data both ways, so that a TLS 1.3 client reads its ticket.
        assertArrayEquals(new byte[] {1}, pair.transfer(new byte[] {1}, true));
        assertArrayEquals(new byte[] {2}, pair.transfer(new byte[] {2}, false));
        assertEquals(protocol, c.getSession().getProtocol());
        return pair;
    }

    private static KeyingMaterialExportable exporter(SSLEngine engine) {
        return (KeyingMaterialExportable) engine.getSession();
    }

    private static byte[] export(SSLEngine engine, String label, byte[] context, int length) throws Exception {
        return exporter(engine).exportKeyingMaterialData(label, context, length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void bothEndsExportTheSameBytes(String protocol) throws Exception {
        ResumptionEngineTest.Side client = new ResumptionEngineTest.Side("Custom");
        ResumptionEngineTest.Side server = new ResumptionEngineTest.Side("Custom");
        EnginePair pair = connect(client, server, protocol);
        for (byte[] context : new byte[][] {null, new byte[0], CONTEXT, new byte[300]}) {
            for (int length : new int[] {1, 32, 100, 1000}) {
                byte[] c = export(pair.client, LABEL, context, length);
                assertEquals(length, c.length);
                assertArrayEquals(c, export(pair.server, LABEL, context, length));
            }
        }
        byte[] base = export(pair.client, LABEL, CONTEXT, 32);
        assertFalse(Arrays.equals(base, export(pair.client, LABEL + "2", CONTEXT, 32)), "another label");
        assertFalse(Arrays.equals(base, export(pair.client, LABEL, new byte[] {1}, 32)), "another context");
        // A longer output starts with the shorter one in TLS 1.2 (one PRF stream); TLS 1.3 encodes the length.
        assertEquals(protocol.equals("TLSv1.2"),
                Arrays.equals(export(pair.client, LABEL, CONTEXT, 16), Arrays.copyOf(base, 16)));
        // RFC 8446 section 7.5: no context is the empty context; RFC 5705 section 4 tells them apart.
        assertEquals(protocol.equals("TLSv1.3"),
                Arrays.equals(export(pair.client, LABEL, null, 32), export(pair.client, LABEL, new byte[0], 32)));
        // The label is encoded as UTF-8, as the JDK 25 API specifies.
        String unicode = "EXPERIMENTAL-\u00fcber-\u2603";
        assertArrayEquals(export(pair.client, unicode, null, 32), export(pair.server, unicode, null, 32));
        assertArrayEquals(((CustomSSLSession) pair.client.getSession()).core().exporter()
                .export(unicode.getBytes(StandardCharsets.UTF_8), null, 32), export(pair.client, unicode, null, 32));

        EnginePair other = connect(client, server, protocol);
        assertFalse(Arrays.equals(base, export(other.client, LABEL, CONTEXT, 32)), "another connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aResumedConnectionExportsItsOwn(String protocol) throws Exception {
        ResumptionEngineTest.Side client = new ResumptionEngineTest.Side("Custom");
        ResumptionEngineTest.Side server = new ResumptionEngineTest.Side("Custom");
        EnginePair first = connect(client, server, protocol);
        EnginePair resumed = connect(client, server, protocol);
        assertEquals(1, client.tm.serverChecks.get(), "the second connection resumed");
        byte[] a = export(first.client, LABEL, CONTEXT, 32);
        byte[] b = export(resumed.client, LABEL, CONTEXT, 32);
        assertFalse(Arrays.equals(a, b), "same material on a resumed connection");
        assertArrayEquals(b, export(resumed.server, LABEL, CONTEXT, 32));
        assertArrayEquals(a, export(first.server, LABEL, CONTEXT, 32), "the first connection's is unchanged");
    }

    @Test
    void keysCarryTheAlgorithmAndTheSameBytes() throws Exception {
        EnginePair pair = connect(new ResumptionEngineTest.Side("Custom"), new ResumptionEngineTest.Side("Custom"),
                "TLSv1.3");
        SecretKey key = exporter(pair.client).exportKeyingMaterialKey("AES", LABEL, CONTEXT, 16);
        assertEquals("AES", key.getAlgorithm());
        assertArrayEquals(export(pair.server, LABEL, CONTEXT, 16), key.getEncoded());
        assertEquals("HmacSHA256", exporter(pair.server).exportKeyingMaterialKey("HmacSHA256", LABEL, null, 32)
                .getAlgorithm());
    }

    @Test
    void argumentsAreCheckedAsTheJdkSpecifies() throws Exception {
        EnginePair tls13 = connect(new ResumptionEngineTest.Side("Custom"), new ResumptionEngineTest.Side("Custom"),
                "TLSv1.3");
        EnginePair tls12 = connect(new ResumptionEngineTest.Side("Custom"), new ResumptionEngineTest.Side("Custom"),
                "TLSv1.2");
        for (EnginePair pair : new EnginePair[] {tls13, tls12}) {
            KeyingMaterialExportable e = exporter(pair.client);
            assertThrows(NullPointerException.class, () -> e.exportKeyingMaterialData(null, null, 16));
            assertThrows(NullPointerException.class, () -> e.exportKeyingMaterialKey(null, LABEL, null, 16));
            assertThrows(IllegalArgumentException.class, () -> e.exportKeyingMaterialKey("", LABEL, null, 16));
            assertThrows(IllegalArgumentException.class, () -> e.exportKeyingMaterialData(LABEL, null, 0));
            assertThrows(IllegalArgumentException.class, () -> e.exportKeyingMaterialData(LABEL, null, -1));
            assertThrows(IllegalArgumentException.class, () -> e.exportKeyingMaterialData("", null, 16));
        }
        KeyingMaterialExportable e13 = exporter(tls13.client);
        // RFC 8446 section 7.1: "tls13 " + label is at most 255 bytes; HKDF gives at most 255 * 32 bytes here.
        assertEquals(16, e13.exportKeyingMaterialData("x".repeat(249), null, 16).length);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> e13.exportKeyingMaterialData("x".repeat(250), null, 16));
        assertTrue(tooLong.getMessage().contains("249"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e13.exportKeyingMaterialData("\u00fc".repeat(125), null, 16));
        assertEquals(255 * 32, e13.exportKeyingMaterialData(LABEL, null, 255 * 32).length);
        assertThrows(IllegalArgumentException.class, () -> e13.exportKeyingMaterialData(LABEL, null, 255 * 32 + 1));
        // RFC 5705 section 4: the context length is a uint16.
        KeyingMaterialExportable e12 = exporter(tls12.client);
        assertEquals(16, e12.exportKeyingMaterialData(LABEL, new byte[0xffff], 16).length);
        assertThrows(IllegalArgumentException.class, () -> e12.exportKeyingMaterialData(LABEL, new byte[0x10000], 16));
    }

    @Test
    void nothingBeforeTheHandshakeCompletes() throws Exception {
        ResumptionEngineTest.Side client = new ResumptionEngineTest.Side("Custom");
        ResumptionEngineTest.Side server = new ResumptionEngineTest.Side("Custom");
        SSLEngine fresh = client.ctx.createSSLEngine("localhost", 8443);
        fresh.setUseClientMode(true);
        IllegalStateException before = assertThrows(IllegalStateException.class,
                () -> exporter(fresh).exportKeyingMaterialData(LABEL, null, 16));
        assertTrue(before.getMessage().contains("handshake"), before.getMessage());

        // The handshake session, as the trust manager sees it while the handshake runs.
        AtomicReference<Throwable> duringHandshake = new AtomicReference<>();
        client.tm.onServerCheck = engine -> {
            try {
                ((KeyingMaterialExportable) engine.getHandshakeSession()).exportKeyingMaterialData(LABEL, null, 16);
                duringHandshake.set(new AssertionError("exported during the handshake"));
            } catch (Exception | AssertionError e) {
                duringHandshake.set(e);
            }
        };
        EnginePair pair = connect(client, server, "TLSv1.3");
        assertInstanceOf(IllegalStateException.class, duringHandshake.get());
        assertEquals(16, export(pair.client, LABEL, null, 16).length);
    }

    /**
     * On JDK 25 and later the JDK's own {@code ExtendedSSLSession} methods reach ours (the provider is compiled
     * for 17, so only the JVM's dispatch proves it); skipped before 25, which has no such methods.
     */
    @Test
    void theJdk25SessionMethodsReachOurs() throws Exception {
        Method data;
        Method key;
        try {
            data = ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class, byte[].class,
                    int.class);
            key = ExtendedSSLSession.class.getMethod("exportKeyingMaterialKey", String.class, String.class,
                    byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            Assumptions.abort("JDK " + Runtime.version().feature() + " has no ExtendedSSLSession exporters (JDK 25+)");
            return;
        }
        EnginePair pair = connect(new ResumptionEngineTest.Side("Custom"), new ResumptionEngineTest.Side("Custom"),
                "TLSv1.3");
        SSLSession session = pair.client.getSession();
        assertArrayEquals(export(pair.server, LABEL, CONTEXT, 32), (byte[]) data.invoke(session, LABEL, CONTEXT, 32));
        assertArrayEquals(export(pair.server, LABEL, null, 16),
                ((SecretKey) key.invoke(session, "AES", LABEL, null, 16)).getEncoded());
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> data.invoke(session, LABEL, null, 0));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
}
