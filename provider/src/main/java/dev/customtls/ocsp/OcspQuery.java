package dev.customtls.ocsp;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The OCSP exchange for one of our certificates (RFC 6960): the request for it, identified by its issuer's
 * name and key hashes and its serial number (SHA-1, as responders universally accept), and the checks a
 * response must pass before we staple it. A response we cannot vouch for would only make clients fail the
 * handshake, so it is refused: it must be successful, about this certificate, current, and signed by the
 * issuer or by a responder the issuer authorised (section 4.2.2.2). A revoked status passes: stapling it is
 * telling the truth.
 */
final class OcspQuery {
    /** A response whose thisUpdate is this far in the future is still taken (clock skew). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final X509Certificate certificate;
    private final X509Certificate issuer;
    private final CertificateID id;

    private OcspQuery(X509Certificate certificate, X509Certificate issuer, CertificateID id) {
        this.certificate = certificate;
        this.issuer = issuer;
        this.id = id;
    }

    /**
     * The query for {@code chain}'s end-entity certificate, issued by the next certificate of the chain.
     *
     * @throws OcspFailure when the chain has no issuer or the identifier cannot be computed
     */
    static OcspQuery forChain(List<X509Certificate> chain) throws OcspFailure {
        if (chain.size() < 2) {
            throw new OcspFailure("the certificate chain holds no issuer for " + subject(chain.get(0))
                    + ", which an OCSP request names");
        }
        X509Certificate leaf = chain.get(0);
        X509Certificate issuer = chain.get(1);
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(issuer.getEncoded()), leaf.getSerialNumber());
            return new OcspQuery(leaf, issuer, id);
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException | IOException e) {
            throw new OcspFailure("cannot compute the OCSP identifier of " + subject(leaf) + ": " + e.getMessage(), e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The DER of an OCSPRequest for this certificate alone, unsigned, without a nonce (so it can be cached). */
    byte[] request() throws OcspFailure {
        try {
            return new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (OCSPException | IOException e) {
            throw new OcspFailure("cannot encode the OCSP request: " + e.getMessage(), e);
        }
    }

    /**
     * The responder to ask: {@code configured} when it overrides, else the first HTTP responder of the
     * certificate's Authority Information Access extension (RFC 5280 section 4.2.2.1), else {@code configured}.
     */
    URI responder(URI configured, boolean override) throws OcspFailure {
        if (configured != null && override) {
            return configured;
        }
        URI own = responderFromCertificate();
        if (own != null) {
            return own;
        }
        if (configured != null) {
            return configured;
        }
        throw new OcspFailure(subject(certificate) + " names no OCSP responder (Authority Information Access) and "
                + "jdk.tls.stapling.responderURI is not set");
    }

    private URI responderFromCertificate() throws OcspFailure {
        byte[] ext = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return null;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets());
            for (AccessDescription d : aia.getAccessDescriptions()) {
                GeneralName location = d.getAccessLocation();
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = new URI(location.getName().toString());
                    String scheme = uri.getScheme();
                    if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                        return uri;
                    }
                }
            }
            return null;
        } catch (IllegalArgumentException | URISyntaxException e) {
            throw new OcspFailure("the Authority Information Access extension of " + subject(certificate)
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a responder's answer and, if we may staple it, returns it with its expiry: {@code nextUpdate} or
     * {@code now + lifetime}, whichever is sooner; a fresh one is fetched from half-way to that point.
     *
     * @throws OcspFailure saying why the response cannot be stapled
     */
    StapledResponse accept(byte[] der, Instant now, Duration lifetime) throws OcspFailure {
        BasicOCSPResp basic;
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new OcspFailure("the responder refused the request (OCSPResponseStatus " + resp.getStatus() + ")");
            }
            Object body = resp.getResponseObject();
            if (!(body instanceof BasicOCSPResp b)) {
                throw new OcspFailure("the response is not a basic OCSP response");
            }
            basic = b;
        } catch (IOException | OCSPException | RuntimeException e) {
            throw new OcspFailure("the response is not a DER OCSPResponse: " + e.getMessage(), e);
        }
        SingleResp single = null;
        for (SingleResp s : basic.getResponses()) {
            if (id.equals(s.getCertID())) {
                single = s;
                break;
            }
        }
        if (single == null) {
            throw new OcspFailure("the response does not cover " + subject(certificate) + " (serial "
                    + certificate.getSerialNumber().toString(16) + ")");
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw new OcspFailure("the response is not valid yet (thisUpdate " + thisUpdate + ")");
        }
        Date next = single.getNextUpdate();
        Instant expires = now.plus(lifetime);
        if (next != null) {
            if (!next.toInstant().isAfter(now)) {
                throw new OcspFailure("the response is out of date (nextUpdate " + next.toInstant() + ")");
            }
            if (next.toInstant().isBefore(expires)) {
                expires = next.toInstant();
            }
        }
        checkSignature(basic, now);
        Instant refreshAfter = now.plus(Duration.between(now, expires).dividedBy(2));
        return new StapledResponse(der, now, expires, refreshAfter);
    }

    /** RFC 6960 section 4.2.2.2: signed by the issuer itself, or by a certificate it issued for OCSP signing. */
    private void checkSignature(BasicOCSPResp basic, Instant now) throws OcspFailure {
        try {
            JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
            ContentVerifierProvider issuerKey = verifiers.build(issuer.getPublicKey());
            if (basic.isSignatureValid(issuerKey)) {
                return;
            }
            X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            for (X509CertificateHolder responder : basic.getCerts()) {
                if (responder.getIssuer().equals(issuerName) && responder.isValidOn(Date.from(now))
                        && authorisedForOcsp(responder) && responder.isSignatureValid(issuerKey)
                        && basic.isSignatureValid(verifiers.build(responder))) {
                    return;
                }
            }
        } catch (OperatorCreationException | OCSPException | CertException | java.security.cert.CertificateException
                 | RuntimeException e) {
            throw new OcspFailure("the response's signature cannot be checked: " + e.getMessage(), e);
        }
        throw new OcspFailure("the response is not signed by the issuer of " + subject(certificate)
                + " nor by a responder it authorised");
    }

    private static boolean authorisedForOcsp(X509CertificateHolder responder) {
        ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }
}
