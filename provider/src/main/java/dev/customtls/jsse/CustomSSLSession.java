package dev.customtls.jsse;

import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.keyschedule.KeyingMaterialExporter;
import dev.customtls.core.record.RecordHeader;
import dev.customtls.core.session.TlsSession;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

/**
 * The JSSE view of a core {@link TlsSession}: an {@code ExtendedSSLSession}, also used as the handshake
 * session while the handshake runs. A session with no core session is the "null session" JSSE reports
 * before a handshake completes ({@code SSL_NULL_WITH_NULL_NULL}).
 */
final class CustomSSLSession extends ExtendedSSLSession implements KeyingMaterialExportable {
    /** Largest TLS record on the wire, as SunJSSE reports it. */
    static final int PACKET_BUFFER_SIZE = 16709;
    /**
     * As SunJSSE reports it: the largest record less its header. That is more than any record's content
     * (2^14), and room enough for the engine to open any record straight into an application buffer of this
     * size (a TLS 1.3 record's inner plaintext is its content, type byte and padding).
     */
    static final int APPLICATION_BUFFER_SIZE = PACKET_BUFFER_SIZE - RecordHeader.LENGTH;

    private final TlsSession core;
    private final CustomSessionContext context;
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    CustomSSLSession(TlsSession core, CustomSessionContext context) {
        this.core = core;
        this.context = context;
    }

    static CustomSSLSession nullSession() {
        return new CustomSSLSession(null, null);
    }

    TlsSession core() {
        return core;
    }

    @Override
    public byte[] getId() {
        return core == null ? new byte[0] : core.id();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        return core == null ? System.currentTimeMillis() : core.creationTime();
    }

    @Override
    public long getLastAccessedTime() {
        return core == null ? getCreationTime() : core.lastAccessedTime();
    }

    @Override
    public void invalidate() {
        if (core != null) {
            core.invalidate();
            if (context != null) {
                context.remove(this);
            }
        }
    }

    @Override
    public boolean isValid() {
        return core != null && core.isValid() && core.cipherSuite() != null;
    }

    @Override
    public void putValue(String name, Object value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("name and value must not be null");
        }
        Object old = values.put(name, value);
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) value).valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    /** Session value under which the negotiated key-exchange group name (e.g. {@code x25519}) is readable. */
    static final String NAMED_GROUP_KEY = "dev.customtls.namedGroup";

    @Override
    public Object getValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        if (name.equals(NAMED_GROUP_KEY) && core != null && core.namedGroup() != null && !values.containsKey(name)) {
            return core.namedGroup().rfcName();
        }
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        Object old = values.remove(name);
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        if (core == null || core.peerCertificates().isEmpty()) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return core.peerCertificates().toArray(new X509Certificate[0]);
    }

    @Override
    public Certificate[] getLocalCertificates() {
        if (core == null || core.localCertificates().isEmpty()) {
            return null;
        }
        return core.localCertificates().toArray(new X509Certificate[0]);
    }

    @Override
    @SuppressWarnings("removal")
    public javax.security.cert.X509Certificate[] getPeerCertificateChain() throws SSLPeerUnverifiedException {
        throw new UnsupportedOperationException("This method is deprecated and unsupported; use getPeerCertificates()");
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return ((X509Certificate) getPeerCertificates()[0]).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        Certificate[] local = getLocalCertificates();
        return local == null ? null : ((X509Certificate) local[0]).getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return core == null || core.cipherSuite() == null ? "SSL_NULL_WITH_NULL_NULL" : core.cipherSuite().jsseName();
    }

    @Override
    public String getProtocol() {
        return core == null || core.protocol() == null ? "NONE" : core.protocol().jsseName();
    }

    @Override
    public String getPeerHost() {
        return core == null ? null : core.peerHost();
    }

    @Override
    public int getPeerPort() {
        return core == null ? -1 : core.peerPort();
    }

    @Override
    public int getPacketBufferSize() {
        return PACKET_BUFFER_SIZE;
    }

    @Override
    public int getApplicationBufferSize() {
        return APPLICATION_BUFFER_SIZE;
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return core == null ? new String[0] : names(core.localSignatureSchemes());
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return core == null ? new String[0] : names(core.peerSignatureSchemes());
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        if (core == null) {
            return List.of();
        }
        List<SNIServerName> out = new ArrayList<>();
        for (String n : core.requestedServerNames()) {
            try {
                out.add(new SNIHostName(n));
            } catch (IllegalArgumentException e) {
                // A name the JDK refuses as a host name is not reported.
            }
        }
        return out;
    }

    /**
     * The OCSP responses the server stapled, parallel to {@link #getPeerCertificates()} (an empty array for a
     * certificate without one); empty when none were stapled or on a server. The JDK's PKIX trust manager reads
     * them from the handshake session when revocation checking is on.
     */
    @Override
    public List<byte[]> getStatusResponses() {
        if (core == null || core.statusResponses().isEmpty()) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(core.statusResponses().size());
        for (byte[] r : core.statusResponses()) {
            out.add(r.clone());
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /**
     * Exported keying material as a key, as JDK 25's {@code ExtendedSSLSession.exportKeyingMaterialKey}, which
     * this overrides when the provider runs on JDK 25 or later (compiled for 17, it cannot say so; before 25 it
     * is reachable through {@link KeyingMaterialExportable}). TLS 1.3: RFC 8446 section 7.5 (a null context is the empty
     * one); TLS 1.2: RFC 5705 (a null context is none, which differs from an empty one), only on connections
     * with the extended master secret (RFC 7627 section 5.4). The label is encoded as UTF-8. Each connection
     * exports its own material, a resumed one included.
     *
     * @throws NullPointerException if {@code keyAlg} or {@code label} is null
     * @throws IllegalArgumentException if {@code keyAlg} is empty, {@code length} is not positive, or the
     *     label, context or length do not fit the version's exporter
     * @throws IllegalStateException on a session whose handshake has not completed (a handshake session)
     * @throws SSLKeyException if the connection must not export (TLS 1.2 without the extended master secret)
     */
    @Override
    public SecretKey exportKeyingMaterialKey(String keyAlg, String label, byte[] context, int length)
            throws SSLKeyException {
        Objects.requireNonNull(keyAlg, "keyAlg can not be null");
        if (keyAlg.isEmpty()) {
            throw new IllegalArgumentException("keyAlg is empty");
        }
        byte[] material = exportKeyingMaterial(label, context, length);
        try {
            return new SecretKeySpec(material, keyAlg);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * Exported keying material as bytes, as JDK 25's {@code ExtendedSSLSession.exportKeyingMaterialData}
     * (overridden on JDK 25 and later; see {@link #exportKeyingMaterialKey}).
     */
    @Override
    public byte[] exportKeyingMaterialData(String label, byte[] context, int length) throws SSLKeyException {
        return exportKeyingMaterial(label, context, length);
    }

    private byte[] exportKeyingMaterial(String label, byte[] context, int length) throws SSLKeyException {
        Objects.requireNonNull(label, "label can not be null");
        if (length < 1) {
            throw new IllegalArgumentException("length must be positive");
        }
        KeyingMaterialExporter exporter = core == null ? null : core.exporter();
        if (exporter == null) {
            throw new IllegalStateException("No keying material to export: the handshake of this session has not "
                    + "completed");
        }
        String refusal = exporter.refusal();
        if (refusal != null) {
            throw new SSLKeyException("Cannot export keying material: " + refusal);
        }
        try {
            return exporter.export(label.getBytes(StandardCharsets.UTF_8), context, length);
        } catch (TlsAlertException e) {
            SSLKeyException failure = new SSLKeyException("Cannot export keying material: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private static String[] names(List<SignatureScheme> schemes) {
        String[] out = new String[schemes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = jcaName(schemes.get(i));
        }
        return out;
    }

    /**
     * The standard JCA signature algorithm name of a scheme, as SunJSSE reports them (the PKIX trust
     * manager compares certificate signature algorithms against these).
     */
    static String jcaName(SignatureScheme s) {
        switch (s) {
            case ECDSA_SECP256R1_SHA256: return "SHA256withECDSA";
            case ECDSA_SECP384R1_SHA384: return "SHA384withECDSA";
            case ECDSA_SECP521R1_SHA512: return "SHA512withECDSA";
            case ECDSA_SHA1: return "SHA1withECDSA";
            case RSA_PKCS1_SHA256: return "SHA256withRSA";
            case RSA_PKCS1_SHA384: return "SHA384withRSA";
            case RSA_PKCS1_SHA512: return "SHA512withRSA";
            case RSA_PKCS1_SHA1: return "SHA1withRSA";
            case ED25519: return "Ed25519";
            case ED448: return "Ed448";
            default: return "RSASSA-PSS";
        }
    }

    @Override
    public String toString() {
        return "Session(" + getProtocol() + ", " + getCipherSuite() + ")";
    }
}
