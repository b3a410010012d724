package dev.customtls.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * A throw-away certificate authority for demos, tests and benchmarks: makes a CA and leaf certificates
 * (EC P-256, EC P-384, RSA-2048, Ed25519) with the JDK's key generators and Bouncy Castle's certificate
 * builder, and packs them into PKCS#12 key stores and trust stores usable with the JDK's
 * {@code SunX509}/{@code PKIX} key and trust managers.
 *
 * <p>Not for production: keys are generated in memory and stores use a fixed password.
 */
public final class TestPki {

    /** Password of every key store this class makes. */
    public static final char[] PASSWORD = "changeit".toCharArray();

    /** Key types for leaf certificates. */
    public enum KeyType {
        EC_P256("EC", "secp256r1", "SHA256withECDSA"),
        EC_P384("EC", "secp384r1", "SHA384withECDSA"),
        RSA_2048("RSA", null, "SHA256withRSA"),
        ED25519("Ed25519", null, "Ed25519");

        private final String algorithm;
        private final String curve;
        private final String signatureAlgorithm;

        KeyType(String algorithm, String curve, String signatureAlgorithm) {
            this.algorithm = algorithm;
            this.curve = curve;
            this.signatureAlgorithm = signatureAlgorithm;
        }

        /** Generates a key pair of this type. */
        public KeyPair generate() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
                if (curve != null) {
                    g.initialize(new ECGenParameterSpec(curve));
                } else if (this == RSA_2048) {
                    g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                }
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate " + this + " key", e);
            }
        }
    }

    /** A private key with its certificate chain (leaf first, CA last). */
    public record Credential(KeyPair keyPair, List<X509Certificate> chain) {
        public Credential {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** A PKCS#12 key store holding this credential under {@code alias}, password {@link #PASSWORD}. */
        public KeyStore toKeyStore(String alias) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(alias, keyPair.getPrivate(), PASSWORD, chain.toArray(new X509Certificate[0]));
                return ks;
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException("cannot build key store", e);
            }
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credential ca;

    private TestPki(Credential ca) {
        this.ca = ca;
    }

    /** A new CA with an EC P-256 key, named {@code CN=<name>}. */
    public static TestPki create(String name) {
        return create(name, KeyType.EC_P256);
    }

    /** A new CA with a key of the given type. */
    public static TestPki create(String name, KeyType caKeyType) {
        KeyPair kp = caKeyType.generate();
        X500Name subject = new X500Name("CN=" + name);
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))),
                    subject, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = sign(b, kp, caKeyType.signatureAlgorithm);
            return new TestPki(new Credential(kp, List.of(cert)));
        } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot create CA", e);
        }
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The CA's own key and certificate (tests sign OCSP responses with it). */
    public Credential ca() {
        return ca;
    }

    /**
     * Issues a leaf certificate usable for TLS server and client authentication, with the given DNS names
     * (and {@code 127.0.0.1} as an IP address when one of them is {@code localhost}) as subject
     * alternative names. The first name is also the common name.
     */
    public Credential issue(KeyType type, String... dnsNames) {
        return issue(type, Duration.ofDays(365), dnsNames);
    }

    /** Like {@link #issue(KeyType, String...)} with a chosen validity (negative: already expired). */
    public Credential issue(KeyType type, Duration validity, String... dnsNames) {
        return issue(type, validity, null, dnsNames);
    }

    /**
     * Like {@link #issue(KeyType, String...)}, naming {@code ocspResponder} in an Authority Information Access
     * extension (RFC 5280 section 4.2.2.1), as public CAs do: where a server fetches responses to staple.
     */
    public Credential issueWithOcspResponder(KeyType type, java.net.URI ocspResponder, String... dnsNames) {
        return issue(type, Duration.ofDays(365), ocspResponder, dnsNames);
    }

    private Credential issue(KeyType type, Duration validity, java.net.URI ocspResponder, String... dnsNames) {
        KeyPair kp = type.generate();
        String cn = dnsNames.length > 0 ? dnsNames[0] : "test";
        try {
            Instant now = Instant.now();
            Instant notBefore = validity.isNegative() ? now.plus(validity).minus(Duration.ofDays(1)) : now.minus(Duration.ofHours(1));
            Instant notAfter = validity.isNegative() ? now.plus(validity) : now.plus(validity);
            X509CertificateHolder caHolder = new X509CertificateHolder(ca.certificate().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caHolder.getSubject(), serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + cn), kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature;
            if (type == KeyType.RSA_2048) {
                usage |= KeyUsage.keyEncipherment;
            }
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            if (ocspResponder != null) {
                b.addExtension(Extension.authorityInfoAccess, false, new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                        org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, ocspResponder.toString())));
            }
            if (dnsNames.length > 0) {
                List<GeneralName> names = new ArrayList<>();
                for (String n : dnsNames) {
                    names.add(new GeneralName(GeneralName.dNSName, n));
                    if (n.toLowerCase(Locale.ROOT).equals("localhost")) {
                        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
                    }
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            X509Certificate cert = sign(b, ca.keyPair(), caSignatureAlgorithm());
            return new Credential(kp, List.of(cert, ca.certificate()));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue certificate", e);
        }
    }

    /** A PKCS#12 trust store holding only this CA's certificate. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca.certificate());
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build trust store", e);
        }
    }

    private String caSignatureAlgorithm() {
        String alg = ca.keyPair().getPrivate().getAlgorithm();
        if (alg.equals("RSA")) {
            return "SHA256withRSA";
        }
        if (alg.equals("EC")) {
            return "SHA256withECDSA";
        }
        return "Ed25519";
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer, String algorithm)
            throws GeneralSecurityException {
        try {
            ContentSigner cs = new JcaContentSignerBuilder(algorithm).build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(cs));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
