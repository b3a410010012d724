package dev.customtls.core.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.customtls.pki.TestPki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Our own certificates are encoded once per context: the same bytes as getEncoded(), shared. */
class CertificateCacheEncodeTest {
    private static final TestPki PKI = TestPki.create("Encode CA");

    @Test
    void equalCertificatesShareOneEncoding() throws Exception {
        X509Certificate leaf = PKI.issue(TestPki.KeyType.EC_P256, "localhost").certificate();
        X509Certificate twin = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(leaf.getEncoded()));
        CertificateCache cache = new CertificateCache(4);
        byte[] der = cache.encode(leaf);
        assertArrayEquals(leaf.getEncoded(), der);
        assertSame(der, cache.encode(leaf));
        assertSame(der, cache.encode(twin)); // equal certificate, another object
        assertArrayEquals(PKI.caCertificate().getEncoded(), cache.encode(PKI.caCertificate()));
    }

    @Test
    void boundedToAFewCertificates() throws Exception {
        CertificateCache cache = new CertificateCache(4);
        X509Certificate first = PKI.issue(TestPki.KeyType.EC_P256, "first.example").certificate();
        byte[] der = cache.encode(first);
        for (int i = 0; i < 20; i++) {
            X509Certificate c = PKI.issue(TestPki.KeyType.EC_P256, "h" + i + ".example").certificate();
            assertArrayEquals(c.getEncoded(), cache.encode(c));
        }
        byte[] again = cache.encode(first); // evicted long ago: encoded afresh, same bytes
        assertNotSame(der, again);
        assertArrayEquals(der, again);
    }
}
