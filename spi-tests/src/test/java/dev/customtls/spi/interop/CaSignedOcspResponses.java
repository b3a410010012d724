package dev.customtls.spi.interop;

import dev.customtls.pki.TestPki;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.cert.X509Certificate;
import java.util.Date;

/** OCSP responses for stapling tests, signed by the issuing CA itself (RFC 6960 section 4.2.2.2). */
final class CaSignedOcspResponses {

    private CaSignedOcspResponses() {
    }

    /**
     * The DER of a successful response about {@code certificate} (issued by {@code ca}'s EC P-256 key), good or
     * revoked an hour ago for key compromise, valid from a minute ago for a day.
     */
    static byte[] response(TestPki ca, X509Certificate certificate, boolean revoked) throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        X509Certificate caCertificate = ca.caCertificate();
        CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(caCertificate), certificate.getSerialNumber());
        BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(caCertificate.getPublicKey(),
                digests.get(RespID.HASH_SHA1));
        Date now = new Date();
        builder.addResponse(id, revoked
                        ? new RevokedStatus(new Date(now.getTime() - 3_600_000L), CRLReason.keyCompromise)
                        : org.bouncycastle.cert.ocsp.CertificateStatus.GOOD,
                new Date(now.getTime() - 60_000L), new Date(now.getTime() + 86_400_000L));
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(ca.ca().keyPair().getPrivate()), null, now);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }
}
