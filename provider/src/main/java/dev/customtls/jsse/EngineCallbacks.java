package dev.customtls.jsse;

import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.Credential;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.session.TlsSession;
import dev.customtls.ocsp.StapledResponseCache;

import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The core's {@link ConnectionCallbacks} for one engine: certificates from the
 * {@link X509ExtendedKeyManager}, trust from the {@link X509ExtendedTrustManager} (which sees the engine, so
 * the JDK's PKIX trust manager checks host names when endpoint identification is on), SNI matchers and ALPN
 * from the engine's {@code SSLParameters}.
 */
final class EngineCallbacks implements ConnectionCallbacks {
    private final CustomSSLEngine engine;
    private final X509ExtendedKeyManager keyManager;
    private final X509ExtendedTrustManager trustManager;
    /** The server's ALPN protocols, in preference order. */
    private final List<String> applicationProtocols;
    /** The SNI matchers of the parameters, null if none. */
    private final Collection<SNIMatcher> sniMatchers;
    private final BiFunction<SSLEngine, List<String>, String> alpnSelector;
    private final dev.customtls.core.handshake.CertificateCache certificates;
    /** Server: the context's OCSP responses to staple, or null when stapling is off. */
    private final StapledResponseCache stapling;
    /** The context's encoded names of the trust manager's accepted issuers. */
    private final AcceptedIssuerNames issuerNames;
    /** Client: whether to name them in the ClientHello ({@code jdk.tls.client.enableCAExtension}). */
    private final boolean clientCaNames;

    EngineCallbacks(CustomSSLEngine engine, X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager,
                    List<String> applicationProtocols, Collection<SNIMatcher> sniMatchers,
                    BiFunction<SSLEngine, List<String>, String> alpnSelector,
                    dev.customtls.core.handshake.CertificateCache certificates, StapledResponseCache stapling,
                    AcceptedIssuerNames issuerNames, boolean clientCaNames) {
        this.engine = engine;
        this.clientCaNames = clientCaNames;
        this.stapling = stapling;
        this.issuerNames = issuerNames;
        this.certificates = certificates;
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.applicationProtocols = applicationProtocols;
        this.sniMatchers = sniMatchers;
        this.alpnSelector = alpnSelector;
    }

    /** JSSE key types for the schemes, in order (EC, RSA, RSASSA-PSS, EdDSA). */
    private static List<String> keyTypes(List<SignatureScheme> schemes) {
        List<String> types = new ArrayList<>(4);
        for (SignatureScheme s : schemes) {
            if (!types.contains(s.keyAlgorithm())) {
                types.add(s.keyAlgorithm());
            }
        }
        return types;
    }

    /** Client: the trust manager's CAs for the ClientHello, when {@code jdk.tls.client.enableCAExtension} is true. */
    @Override
    public List<byte[]> clientCertificateAuthorities() {
        return clientCaNames ? issuerNames.of(trustManager) : List.of();
    }

    /** Server: the CAs of the trust manager, for the CertificateRequest (as SunJSSE names them). */
    @Override
    public List<byte[]> acceptedIssuers() {
        return issuerNames.of(trustManager);
    }

    /** Server: the context's stapled response for our end-entity certificate (RFC 6066 section 8), if stapling is on. */
    @Override
    public byte[] certificateStatus(List<X509Certificate> chain) {
        return stapling == null ? null : stapling.responseFor(chain);
    }

    @Override
    public Credential chooseServerCredential(List<SignatureScheme> schemes, TlsSession session) {
        // The CAs the client named (TLS 1.3 certificate_authorities), as SunJSSE hands them to the key manager.
        List<X500Principal> named = session.peerCertificateAuthorities();
        X500Principal[] issuers = named.isEmpty() ? null : named.toArray(new X500Principal[0]);
        for (String keyType : keyTypes(schemes)) {
            for (String alias : aliasesFor(keyType, true, issuers)) {
                Credential c = credential(alias, schemes);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    @Override
    public Credential chooseClientCredential(List<SignatureScheme> schemes, List<X500Principal> issuers, TlsSession session) {
        X500Principal[] issuerArray = issuers.isEmpty() ? null : issuers.toArray(new X500Principal[0]);
        for (String keyType : keyTypes(schemes)) {
            for (String alias : aliasesFor(keyType, false, issuerArray)) {
                Credential c = credential(alias, schemes);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private List<String> aliasesFor(String keyType, boolean server, X500Principal[] issuers) {
        // Ed25519 keys report "EdDSA" or "Ed25519" depending on where they came from.
        List<String> names = keyType.equals("EdDSA") ? List.of("EdDSA", "Ed25519") : List.of(keyType);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String alias = server ? keyManager.chooseEngineServerAlias(name, issuers, engine)
                    : keyManager.chooseEngineClientAlias(new String[] {name}, issuers, engine);
            if (alias != null && !out.contains(alias)) {
                out.add(alias);
            }
        }
        return out;
    }

    private Credential credential(String alias, List<SignatureScheme> schemes) {
        X509Certificate[] chain = keyManager.getCertificateChain(alias);
        PrivateKey key = keyManager.getPrivateKey(alias);
        if (chain == null || chain.length == 0 || key == null) {
            return null;
        }
        for (SignatureScheme s : schemes) {
            if (SignatureSchemePolicy.fits(s, key)) {
                return new Credential(Arrays.asList(chain), key);
            }
        }
        return null;
    }

    @Override
    public void checkServerTrusted(List<X509Certificate> chain, String authType, TlsSession session) {
        try {
            trustManager.checkServerTrusted(chain.toArray(new X509Certificate[0]), authType, engine);
        } catch (CertificateException | RuntimeException e) {
            throw certificateAlert("server", e, !session.statusResponses().isEmpty());
        }
    }

    @Override
    public void checkClientTrusted(List<X509Certificate> chain, String authType, TlsSession session) {
        try {
            trustManager.checkClientTrusted(chain.toArray(new X509Certificate[0]), authType, engine);
        } catch (CertificateException | RuntimeException e) {
            throw certificateAlert("client", e, false);
        }
    }

    /**
     * SunJSSE's choice of alert for a trust failure: certificate_expired for a date; for revocation (RFC 6066
     * section 8, RFC 8446 section 4.4.2.4) bad_certificate_status_response when the verdict came from a stapled
     * response, else certificate_revoked, or certificate_unknown when the status could not be determined.
     */
    private static TlsAlertException certificateAlert(String who, Exception e, boolean stapled) {
        AlertDescription alert = AlertDescription.CERTIFICATE_UNKNOWN;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                alert = AlertDescription.CERTIFICATE_EXPIRED;
                break;
            }
            if (t instanceof CertPathValidatorException v) {
                if (v.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                    alert = stapled ? AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE
                            : AlertDescription.CERTIFICATE_REVOKED;
                    break;
                }
                if (v.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS && stapled) {
                    alert = AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE;
                    break;
                }
            }
        }
        return TlsAlertException.fatal(alert, "The " + who + " certificate is not trusted: " + e.getMessage(), e);
    }

    @Override
    public String selectApplicationProtocol(List<String> offered, TlsSession session) {
        if (offered.isEmpty()) {
            return null;
        }
        if (alpnSelector != null) {
            String chosen = alpnSelector.apply(engine, offered);
            if (chosen == null || (!chosen.isEmpty() && !offered.contains(chosen))) {
                throw TlsAlertException.fatal(AlertDescription.NO_APPLICATION_PROTOCOL,
                        "The application protocol selector chose no protocol the client offered " + offered);
            }
            return chosen.isEmpty() ? null : chosen;
        }
        List<String> ours = applicationProtocols;
        if (ours.isEmpty()) {
            return null;
        }
        for (String p : ours) {
            if (offered.contains(p)) {
                return p;
            }
        }
        throw TlsAlertException.fatal(AlertDescription.NO_APPLICATION_PROTOCOL,
                "No application protocol in common: client offers " + offered + ", server supports " + ours);
    }

    @Override
    public List<X509Certificate> decodeCertificates(List<byte[]> encoded, int maxLength) {
        return certificates.decode(encoded, maxLength);
    }

    @Override
    public byte[] encodeCertificate(X509Certificate certificate) throws java.security.cert.CertificateEncodingException {
        return certificates.encode(certificate);
    }

    @Override
    public boolean acceptServerName(String hostName) {
        Collection<SNIMatcher> matchers = sniMatchers;
        if (matchers == null || matchers.isEmpty()) {
            return true;
        }
        SNIHostName name;
        try {
            name = new SNIHostName(hostName);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (SNIMatcher m : matchers) {
            if (m.getType() == StandardConstants.SNI_HOST_NAME && !m.matches(name)) {
                return false;
            }
        }
        return true;
    }
}
