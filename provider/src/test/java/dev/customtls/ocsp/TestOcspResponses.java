package dev.customtls.ocsp;

import dev.customtls.pki.TestPki;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/** OCSP responses for tests, built with Bouncy Castle: one certificate, a chosen status, times and signer. */
final class TestOcspResponses {

    private TestOcspResponses() {
    }

    /** A response about {@code serial} (issued by {@code ca}), signed by {@code signer} with {@code signerChain}. */
    static byte[] build(TestPki ca, BigInteger serial, boolean revoked, Instant thisUpdate, Instant nextUpdate,
                        KeyPair signer, X509Certificate... signerChain) throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca.caCertificate()), serial);
        BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signer.getPublic(), digests.get(RespID.HASH_SHA1));
        builder.addResponse(id, revoked
                        ? new RevokedStatus(Date.from(thisUpdate.minusSeconds(3600)), CRLReason.keyCompromise)
                        : CertificateStatus.GOOD,
                Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate));
        X509CertificateHolder[] chain = new X509CertificateHolder[signerChain.length];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = new JcaX509CertificateHolder(signerChain[i]);
        }
        String alg = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate()),
                chain.length == 0 ? null : chain, Date.from(thisUpdate));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    /** A good response for {@code leaf}, signed by its CA, valid from a minute before {@code now} for a day. */
    static byte[] good(TestPki ca, X509Certificate leaf, Instant now) throws Exception {
        return build(ca, leaf.getSerialNumber(), false, now.minusSeconds(60), now.plusSeconds(86_400),
                ca.ca().keyPair());
    }

    /**
     * A delegated responder's certificate issued by {@code ca} for {@code key}, with the id-kp-OCSPSigning
     * extended key usage (RFC 6960 section 4.2.2.2) or, when {@code ocspSigning} is false, only serverAuth.
     */
    static X509Certificate responderCertificate(TestPki ca, KeyPair key, boolean ocspSigning) throws Exception {
        Instant now = Instant.now();
        org.bouncycastle.cert.X509v3CertificateBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                ca.caCertificate(), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
                Date.from(now.plusSeconds(86_400)), new javax.security.auth.x500.X500Principal("CN=OCSP responder"),
                key.getPublic());
        b.addExtension(org.bouncycastle.asn1.x509.Extension.extendedKeyUsage, false,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(ocspSigning
                        ? org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_OCSPSigning
                        : org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.ca().keyPair().getPrivate())));
    }

    /** An OCSPResponse with an error status and no body (RFC 6960 section 4.2.1). */
    static byte[] unsuccessful(int status) throws Exception {
        return new OCSPRespBuilder().build(status, null).getEncoded();
    }
}
