package dev.customtls.core.connection;

import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.session.TlsSession;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * What the protocol core asks of its environment: certificate choice, trust decisions, ALPN and SNI
 * policy. The JSSE adapter implements it over {@code X509ExtendedKeyManager},
 * {@code X509ExtendedTrustManager} and {@code SSLParameters}. Called during the handshake, possibly from
 * a delegated task; {@code session} is the handshake session being built.
 */
public interface ConnectionCallbacks {

    /**
     * Server: picks a certificate for a signature scheme from {@code schemes} (ours, filtered by what the
     * client accepts, in preference order). Returns null if none fits.
     */
    Credential chooseServerCredential(List<SignatureScheme> schemes, TlsSession session);

    /**
     * Client: picks a certificate for a CertificateRequest. Returns null to send an empty Certificate.
     */
    Credential chooseClientCredential(List<SignatureScheme> schemes, List<X500Principal> issuers, TlsSession session);

    /**
     * Client: decides whether the server's chain is trusted (and matches the host name, when endpoint
     * identification is on).
     *
     * @throws dev.customtls.core.error.TlsAlertException with the alert to send (bad_certificate,
     *     certificate_unknown, certificate_expired, unknown_ca ...)
     */
    void checkServerTrusted(List<X509Certificate> chain, String authType, TlsSession session);

    /**
     * Server: an OCSP response (the DER of RFC 6960's {@code OCSPResponse}) to staple for the end-entity
     * certificate of {@code chain}, our own chain about to be sent, or null to staple nothing. Asked only when
     * the client's {@code status_request} (RFC 6066 section 8) asks for OCSP. May block for a bounded time (a
     * fetch from the responder): it runs inside the delegated task that processes the ClientHello.
     */
    default byte[] certificateStatus(List<X509Certificate> chain) {
        return null;
    }

    /**
     * Server: the DER-encoded subjects of the CAs whose certificates it accepts from clients (the trust manager's
     * accepted issuers), named in its CertificateRequest so a client with several certificates picks one they
     * trust (RFC 8446 section 4.2.4, RFC 5246 section 7.4.4). The list and arrays must not be changed.
     */
    default List<byte[]> acceptedIssuers() {
        return List.of();
    }

    /**
     * Client: the DER-encoded subjects of the CAs to name in the ClientHello's certificate_authorities (RFC 8446
     * section 4.2.4), so a server with several certificates picks one we trust; empty (the default, as SunJSSE's
     * {@code jdk.tls.client.enableCAExtension=false}) to name none.
     */
    default List<byte[]> clientCertificateAuthorities() {
        return List.of();
    }

    /** Server: decides whether the client's chain is trusted. */
    void checkClientTrusted(List<X509Certificate> chain, String authType, TlsSession session);

    /**
     * Server: selects an application protocol from the client's offer. Returns null for no ALPN,
     * a protocol name to use it.
     *
     * @throws dev.customtls.core.error.TlsAlertException no_application_protocol to refuse
     */
    String selectApplicationProtocol(List<String> offered, TlsSession session);

    /** Server: whether the SNI host name is acceptable (SNI matchers); false aborts with unrecognized_name. */
    boolean acceptServerName(String hostName);

    /**
     * Decodes a peer's certificate_list (end-entity first); an implementation may reuse objects decoded
     * before (see {@link dev.customtls.core.handshake.CertificateCache}).
     *
     * @throws dev.customtls.core.error.TlsAlertException bad_certificate for unparsable data or a chain over the limit
     */
    default List<X509Certificate> decodeCertificates(List<byte[]> encoded, int maxLength) {
        return dev.customtls.core.handshake.PeerCertificateDecoder.decode(encoded, maxLength);
    }

    /**
     * The DER encoding of one of our own certificates, for our Certificate message; an implementation may
     * return the same array for the same certificate every time (see
     * {@link dev.customtls.core.handshake.CertificateCache#encode}), so callers must not change it.
     */
    default byte[] encodeCertificate(X509Certificate certificate) throws CertificateEncodingException {
        return certificate.getEncoded();
    }
}
