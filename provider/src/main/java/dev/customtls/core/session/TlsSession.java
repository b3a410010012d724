package dev.customtls.core.session;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.keyschedule.KeyingMaterialExporter;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a connection negotiated, filled in by the handshake as it goes (the "handshake session") and
 * fixed once it completes. Holds no traffic secrets; its exporter holds the connection's exporter secret,
 * which is never printed.
 */
public final class TlsSession {
    private final String peerHost;
    private final int peerPort;
    private volatile long creationTime = System.currentTimeMillis();
    private volatile long lastAccessedTime = creationTime;
    private volatile byte[] id = new byte[0];
    private volatile ProtocolVersion protocol;
    private volatile CipherSuite cipherSuite;
    private volatile NamedGroup namedGroup;
    private volatile List<X509Certificate> peerCertificates = List.of();
    private volatile List<X509Certificate> localCertificates = List.of();
    private volatile List<String> requestedServerNames = List.of();
    private volatile List<byte[]> statusResponses = List.of();
    private volatile List<SignatureScheme> peerSignatureSchemes = List.of();
    private volatile List<javax.security.auth.x500.X500Principal> peerCertificateAuthorities = List.of();
    private volatile List<SignatureScheme> localSignatureSchemes = List.of();
    private volatile String applicationProtocol;
    private volatile boolean resumed;
    private volatile KeyingMaterialExporter exporter;
    private volatile boolean valid = true;

    public TlsSession(String peerHost, int peerPort) {
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    public String peerHost() {
        return peerHost;
    }

    public int peerPort() {
        return peerPort;
    }

    public long creationTime() {
        return creationTime;
    }

    /** A resumed session keeps the original session's creation time (as SunJSSE reports it). */
    public void setCreationTime(long creationTime) {
        this.creationTime = creationTime;
    }

    public long lastAccessedTime() {
        return lastAccessedTime;
    }

    public void touch() {
        lastAccessedTime = System.currentTimeMillis();
    }

    public byte[] id() {
        return id.clone();
    }

    public void setId(byte[] id) {
        this.id = id.clone();
    }

    public ProtocolVersion protocol() {
        return protocol;
    }

    public void setProtocol(ProtocolVersion protocol) {
        this.protocol = protocol;
    }

    public CipherSuite cipherSuite() {
        return cipherSuite;
    }

    public void setCipherSuite(CipherSuite cipherSuite) {
        this.cipherSuite = cipherSuite;
    }

    public NamedGroup namedGroup() {
        return namedGroup;
    }

    public void setNamedGroup(NamedGroup namedGroup) {
        this.namedGroup = namedGroup;
    }

    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    public void setPeerCertificates(List<X509Certificate> chain) {
        this.peerCertificates = List.copyOf(chain);
    }

    /**
     * The OCSP responses the server stapled (RFC 6066 section 8, RFC 8446 section 4.4.2.1), parallel to the peer
     * chain, an empty array where a certificate has none; empty when nothing was stapled. As
     * {@code ExtendedSSLSession.getStatusResponses()}, which the JDK's PKIX trust manager reads.
     */
    public List<byte[]> statusResponses() {
        return statusResponses;
    }

    public void setStatusResponses(List<byte[]> responses) {
        this.statusResponses = List.copyOf(responses);
    }

    public List<X509Certificate> localCertificates() {
        return localCertificates;
    }

    public void setLocalCertificates(List<X509Certificate> chain) {
        this.localCertificates = List.copyOf(chain);
    }

    public List<String> requestedServerNames() {
        return requestedServerNames;
    }

    public void setRequestedServerNames(List<String> names) {
        this.requestedServerNames = List.copyOf(names);
    }

    public List<SignatureScheme> peerSignatureSchemes() {
        return peerSignatureSchemes;
    }

    /**
     * Server: the CAs the client named in its ClientHello's certificate_authorities (RFC 8446 section 4.2.4), for the
     * key manager's choice of our certificate; empty when it named none.
     */
    public List<javax.security.auth.x500.X500Principal> peerCertificateAuthorities() {
        return peerCertificateAuthorities;
    }

    public void setPeerCertificateAuthorities(List<javax.security.auth.x500.X500Principal> authorities) {
        this.peerCertificateAuthorities = List.copyOf(authorities);
    }

    public void setPeerSignatureSchemes(List<SignatureScheme> schemes) {
        this.peerSignatureSchemes = List.copyOf(schemes);
    }

    public List<SignatureScheme> localSignatureSchemes() {
        return localSignatureSchemes;
    }

    public void setLocalSignatureSchemes(List<SignatureScheme> schemes) {
        this.localSignatureSchemes = List.copyOf(schemes);
    }

    /** The negotiated ALPN protocol, "" if none was negotiated, null while unknown. */
    public String applicationProtocol() {
        return applicationProtocol;
    }

    public void setApplicationProtocol(String applicationProtocol) {
        this.applicationProtocol = applicationProtocol;
    }

    public boolean isResumed() {
        return resumed;
    }

    public void setResumed(boolean resumed) {
        this.resumed = resumed;
    }

    /**
     * This connection's keying material exporter (RFC 8446 section 7.5, RFC 5705), set when its handshake
     * completes; null before.
     */
    public KeyingMaterialExporter exporter() {
        return exporter;
    }

    public void setExporter(KeyingMaterialExporter exporter) {
        this.exporter = exporter;
    }

    public boolean isValid() {
        return valid;
    }

    public void invalidate() {
        valid = false;
    }

    @Override
    public String toString() {
        return "TlsSession[" + protocol + ", " + cipherSuite + ", peer=" + peerHost + ":" + peerPort + "]";
    }
}
