package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.handshake.CertificateCompression;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CompressedCertificate;
import dev.customtls.pki.TestPki;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 certificate compression (RFC 8879) through the engine: on by default with zlib, so a {@code Custom}
 * server sends a {@code Custom} client its chain compressed, and a client its certificate to a server whose
 * CertificateRequest asked for it; the flights are measurably smaller. Peers without it (SunJSSE, or
 * {@code dev.customtls.certificateCompression=none}) get the plain Certificate. Hostile CompressedCertificates:
 * {@code CompressedCertificateInputTest}; against BoringSSL: spi-tests' {@code NettyInteropTest}.
 */
class CertificateCompressionTest {
    private static final TestPki PKI = TestPki.create("Compression CA");
    private static final String PROPERTY = "dev.customtls.certificateCompression";

    private static SSLContext context(String provider, String compression) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        KeyStore ks = PKI.issue(TestPki.KeyType.RSA_2048, "localhost").toKeyStore("key");
        kmf.init(ks, TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        SSLContext ctx = provider.equals("Custom") ? SSLContext.getInstance("TLSv1.3", new CustomProvider())
                : SSLContext.getInstance("TLSv1.3", provider);
        Map<String, String> props = compression == null ? Map.of() : Map.of(PROPERTY, compression);
        TemporaryProperties.with(props, () -> {
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return null;
        });
        return ctx;
    }

    private static EnginePair handshake(SSLContext client, SSLContext server, boolean clientAuth) throws Exception {
        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        s.setNeedClientAuth(clientAuth);
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals("TLSv1.3", c.getSession().getProtocol());
        assertEquals(PKI.caCertificate().getSubjectX500Principal(),
                ((java.security.cert.X509Certificate) c.getSession().getPeerCertificates()[0]).getIssuerX500Principal());
        if (clientAuth) {
            assertTrue(s.getSession().getPeerCertificates().length >= 1);
        }
        return pair;
    }

    @Test
    void compressedFlightsAreSmaller() throws Exception {
        SSLContext on = context("Custom", null);
        SSLContext off = context("Custom", "none");
        for (boolean clientAuth : new boolean[] {false, true}) {
            EnginePair compressed = handshake(on, on, clientAuth);
            EnginePair plain = handshake(off, off, clientAuth);
            // The two-certificate RSA-2048 chain is about 1,400 bytes; zlib takes off about 200 of them.
            assertTrue(compressed.serverWrapped < plain.serverWrapped - 100,
                    compressed.serverWrapped + " against " + plain.serverWrapped + " bytes from the server");
            if (clientAuth) {
                assertTrue(compressed.clientWrapped < plain.clientWrapped - 100,
                        compressed.clientWrapped + " against " + plain.clientWrapped + " bytes from the client");
            }
        }
    }

    @Test
    void onlyWhenBothSidesHaveIt() throws Exception {
        SSLContext on = context("Custom", null);
        SSLContext off = context("Custom", "none");
        long plain = handshake(off, off, false).serverWrapped;
        // The client without it: the server sends the Certificate as it is (the ClientHello is a few bytes
        // shorter, the server's flight the same).
        assertSameSize(plain, handshake(off, on, false).serverWrapped);
        // The server without it: the same.
        assertSameSize(plain, handshake(on, off, false).serverWrapped);
        // Client certificates: the server's CertificateRequest decides.
        long clientPlain = handshake(off, off, true).clientWrapped;
        EnginePair serverWithout = handshake(on, off, true);
        assertTrue(serverWithout.clientWrapped >= clientPlain, "compressed without being asked");
    }

    @Test
    void sunJssePeersGetPlainCertificates() throws Exception {
        SSLContext on = context("Custom", null);
        SSLContext sun = context("SunJSSE", null);
        handshake(on, sun, true);
        handshake(sun, on, true);
    }

    @Test
    void disabledWithTheExtension() throws Exception {
        SSLContext client = TemporaryProperties.with(Map.of("jdk.tls.client.disableExtensions", "compress_certificate"),
                () -> context("Custom", null));
        SSLContext off = context("Custom", "none");
        SSLContext on = context("Custom", null);
        assertSameSize(handshake(off, on, false).serverWrapped, handshake(client, on, false).serverWrapped);
    }

    /** Equal but for the few bytes an ECDSA signature's DER encoding varies by. */
    private static void assertSameSize(long expected, long actual) {
        assertTrue(Math.abs(expected - actual) <= 8, actual + " bytes instead of " + expected);
    }

    @Test
    void propertyValues() {
        assertEquals(List.of(CertificateCompression.ZLIB), ContextSettings.certificateCompression(null).algorithms());
        assertEquals(List.of(CertificateCompression.ZLIB), ContextSettings.certificateCompression("ZLIB").algorithms());
        assertEquals(List.of(CertificateCompression.ZLIB),
                ContextSettings.certificateCompression("brotli, zlib").algorithms());
        assertFalse(ContextSettings.certificateCompression("none").isEnabled());
        assertFalse(ContextSettings.certificateCompression("brotli").isEnabled(), "not implemented");
        assertTrue(ContextSettings.certificateCompression(null) != ContextSettings.certificateCompression(null),
                "one instance (and cache) per context");
    }

    @Test
    void eachChainIsCompressedOnceAndComesBackTheSame() throws Exception {
        CertificateCompression zlib = CertificateCompression.zlib();
        List<CertificateEntry> entries = new ArrayList<>();
        entries.add(CertificateEntry.of(PKI.issue(TestPki.KeyType.EC_P256, "a").certificate().getEncoded()));
        entries.add(CertificateEntry.of(PKI.caCertificate().getEncoded()));
        CertificateMessage m = new CertificateMessage(new byte[0], entries);
        CompressedCertificate first = zlib.compress(m, CertificateCompression.ZLIB);
        CompressedCertificate second = zlib.compress(new CertificateMessage(new byte[0], List.copyOf(entries)),
                CertificateCompression.ZLIB);
        assertSame(first.compressed(), second.compressed(), "compressed again");
        assertEquals(m, zlib.decompress(first, 32768));
        assertTrue(first.compressed().length < first.uncompressedLength());
        // Another chain (or the same one with another entry extension, a staple) is compressed on its own.
        for (int i = 0; i < 6; i++) {
            List<CertificateEntry> other = List.of(CertificateEntry.of(
                    PKI.issue(TestPki.KeyType.EC_P256, "other" + i).certificate().getEncoded()));
            CertificateMessage o = new CertificateMessage(new byte[0], other);
            assertEquals(o, zlib.decompress(zlib.compress(o, CertificateCompression.ZLIB), 32768));
        }
        CertificateMessage stapled = new CertificateMessage(new byte[0], List.of(new CertificateEntry(
                entries.get(0).certData(), dev.customtls.core.extension.Extensions.of(
                        new dev.customtls.core.extension.StatusRequestExtension(new byte[] {1, 0, 0, 1, 7}))),
                entries.get(1)));
        assertEquals(stapled, zlib.decompress(zlib.compress(stapled, CertificateCompression.ZLIB), 32768));
        assertEquals(m, zlib.decompress(zlib.compress(m, CertificateCompression.ZLIB), 32768));
        assertEquals(ExtensionType.COMPRESS_CERTIFICATE, zlib.extension().type());
    }
}
