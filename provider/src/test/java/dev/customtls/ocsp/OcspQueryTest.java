package dev.customtls.ocsp;

import dev.customtls.pki.TestPki;
import dev.customtls.pki.TestPki.KeyType;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What a server staples and what it refuses (RFC 6960), and where it asks (RFC 5280 section 4.2.2.1). */
class OcspQueryTest {
    private static final TestPki PKI = TestPki.create("OcspQueryTest CA");
    private static final URI AIA = URI.create("http://ocsp.example.test:8080/ocsp");
    private static final TestPki.Credential LEAF = PKI.issueWithOcspResponder(KeyType.EC_P256, AIA, "server.test");
    private static final TestPki.Credential PLAIN = PKI.issue(KeyType.EC_P256, "plain.test");
    private static final Duration HOUR = Duration.ofHours(1);

    private static OcspQuery query() throws OcspFailure {
        return OcspQuery.forChain(LEAF.chain());
    }

    @Test
    void requestNamesTheCertificateByIssuerAndSerial() throws Exception {
        OCSPReq req = new OCSPReq(query().request());
        assertEquals(1, req.getRequestList().length);
        assertEquals(LEAF.certificate().getSerialNumber(), req.getRequestList()[0].getCertID().getSerialNumber());
        assertTrue(req.getRequestList()[0].getCertID().matchesIssuer(
                new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(PKI.caCertificate()),
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()));
        assertFalse(req.hasExtensions(), "no nonce: the response is shared by every handshake");
    }

    @Test
    void responderFromAuthorityInformationAccessUnlessOverridden() throws Exception {
        URI configured = URI.create("http://127.0.0.1:9/");
        assertEquals(AIA, query().responder(null, false));
        assertEquals(AIA, query().responder(configured, false));
        assertEquals(configured, query().responder(configured, true));
        assertEquals(configured, OcspQuery.forChain(PLAIN.chain()).responder(configured, false));
        OcspFailure none = assertThrows(OcspFailure.class, () -> OcspQuery.forChain(PLAIN.chain()).responder(null, false));
        assertTrue(none.getMessage().contains("jdk.tls.stapling.responderURI"), none::getMessage);
    }

    @Test
    void chainWithoutIssuerCannotBeQueried() {
        OcspFailure e = assertThrows(OcspFailure.class, () -> OcspQuery.forChain(List.of(LEAF.certificate())));
        assertTrue(e.getMessage().contains("no issuer"), e::getMessage);
    }

    @Test
    void goodResponseIsKeptUntilTheEarlierOfNextUpdateAndLifetime() throws Exception {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        byte[] der = TestOcspResponses.build(PKI, LEAF.certificate().getSerialNumber(), false, now.minusSeconds(60),
                now.plusSeconds(600), PKI.ca().keyPair());
        StapledResponse r = query().accept(der, now, HOUR);
        assertSame(der, r.der());
        assertEquals(now.plusSeconds(600), r.expires(), "nextUpdate sooner than the lifetime");
        assertEquals(now.plusSeconds(300), r.refreshAfter());
        StapledResponse longer = query().accept(TestOcspResponses.build(PKI, LEAF.certificate().getSerialNumber(),
                false, now.minusSeconds(60), now.plus(Duration.ofDays(7)), PKI.ca().keyPair()), now, HOUR);
        assertEquals(now.plus(HOUR), longer.expires(), "the lifetime sooner than nextUpdate");
        StapledResponse noNext = query().accept(TestOcspResponses.build(PKI, LEAF.certificate().getSerialNumber(),
                false, now.minusSeconds(60), null, PKI.ca().keyPair()), now, HOUR);
        assertEquals(now.plus(HOUR), noNext.expires(), "no nextUpdate");
    }

    @Test
    void revokedResponseIsStapledToo() throws Exception {
        Instant now = Instant.now();
        byte[] der = TestOcspResponses.build(PKI, LEAF.certificate().getSerialNumber(), true, now.minusSeconds(60),
                now.plusSeconds(600), PKI.ca().keyPair());
        assertSame(der, query().accept(der, now, HOUR).der());
    }

    @Test
    void delegatedResponderNeedsTheOcspSigningUsageAndTheIssuersSignature() throws Exception {
        Instant now = Instant.now();
        KeyPair key = KeyType.EC_P256.generate();
        X509Certificate authorised = TestOcspResponses.responderCertificate(PKI, key, true);
        byte[] ok = TestOcspResponses.build(PKI, LEAF.certificate().getSerialNumber(), false, now.minusSeconds(60),
                now.plusSeconds(600), key, authorised);
        assertSame(ok, query().accept(ok, now, HOUR).der());

        X509Certificate notForOcsp = TestOcspResponses.responderCertificate(PKI, key, false);
        byte[] noUsage = TestOcspResponses.build(PKI, LEAF.certificate().getSerialNumber(), false,
                now.minusSeconds(60), now.plusSeconds(600), key, notForOcsp);
        assertRefused(noUsage, now, "not signed by the issuer");

        TestPki other = TestPki.create("Another CA");
        X509Certificate foreign = TestOcspResponses.responderCertificate(other, key, true);
        byte[] foreignResponder = TestOcspResponses.build(PKI, LEAF.certificate().getSerialNumber(), false,
                now.minusSeconds(60), now.plusSeconds(600), key, foreign);
        assertRefused(foreignResponder, now, "not signed by the issuer");
    }

    @Test
    void refusesWhatWouldOnlyMakeClientsFail() throws Exception {
        Instant now = Instant.now();
        BigInteger serial = LEAF.certificate().getSerialNumber();
        KeyPair ca = PKI.ca().keyPair();
        assertRefused(TestOcspResponses.unsuccessful(OCSPRespBuilder.TRY_LATER), now, "refused the request");
        assertRefused(TestOcspResponses.unsuccessful(OCSPRespBuilder.UNAUTHORIZED), now, "refused the request");
        assertRefused(TestOcspResponses.build(PKI, serial.add(BigInteger.ONE), false, now.minusSeconds(60),
                now.plusSeconds(600), ca), now, "does not cover");
        assertRefused(TestOcspResponses.build(PKI, serial, false, now.minusSeconds(7200), now.minusSeconds(1), ca),
                now, "out of date");
        assertRefused(TestOcspResponses.build(PKI, serial, false, now.plusSeconds(3600), now.plusSeconds(7200), ca),
                now, "not valid yet");
        assertRefused(TestOcspResponses.build(PKI, serial, false, now.minusSeconds(60), now.plusSeconds(600),
                KeyType.EC_P256.generate()), now, "not signed by the issuer");
        // "successful" without responseBytes
        assertRefused(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00}, now, "not a basic OCSP response");
        assertRefused(new byte[] {0x30, 0x05, 0x0a, 0x01, 0x00}, now, "not a DER OCSPResponse");
        assertRefused("<html>proxy error</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII), now,
                "not a DER OCSPResponse");
        assertRefused(new byte[0], now, "not a DER OCSPResponse");
    }

    private static void assertRefused(byte[] der, Instant now, String reason) {
        OcspFailure e = assertThrows(OcspFailure.class, () -> query().accept(der, now, HOUR));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }
}
