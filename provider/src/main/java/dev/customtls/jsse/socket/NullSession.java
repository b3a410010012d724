package dev.customtls.jsse.socket;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import java.security.Principal;
import java.security.cert.Certificate;

/**
 * The session {@code SSLSocket.getSession()} returns when the handshake fails: cipher suite
 * {@code SSL_NULL_WITH_NULL_NULL}, protocol {@code NONE}, no peer, as SunJSSE returns.
 */
final class NullSession implements SSLSession {

    /** Cipher suite name of a session that never was. */
    static final String NULL_SUITE = "SSL_NULL_WITH_NULL_NULL";

    private final long creationTime = System.currentTimeMillis();
    private final int packetBufferSize;
    private final int applicationBufferSize;

    NullSession(int packetBufferSize, int applicationBufferSize) {
        this.packetBufferSize = packetBufferSize;
        this.applicationBufferSize = applicationBufferSize;
    }

    @Override public byte[] getId() { return new byte[0]; }
    @Override public SSLSessionContext getSessionContext() { return null; }
    @Override public long getCreationTime() { return creationTime; }
    @Override public long getLastAccessedTime() { return creationTime; }
    @Override public void invalidate() { }
    @Override public boolean isValid() { return false; }
    @Override public void putValue(String name, Object value) { }
    @Override public Object getValue(String name) { return null; }
    @Override public void removeValue(String name) { }
    @Override public String[] getValueNames() { return new String[0]; }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        throw new SSLPeerUnverifiedException("peer not authenticated");
    }

    @Override public Certificate[] getLocalCertificates() { return null; }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        throw new SSLPeerUnverifiedException("peer not authenticated");
    }

    @Override public Principal getLocalPrincipal() { return null; }
    @Override public String getCipherSuite() { return NULL_SUITE; }
    @Override public String getProtocol() { return "NONE"; }
    @Override public String getPeerHost() { return null; }
    @Override public int getPeerPort() { return -1; }
    @Override public int getPacketBufferSize() { return packetBufferSize; }
    @Override public int getApplicationBufferSize() { return applicationBufferSize; }

    @Override
    public String toString() {
        return "Session(" + NULL_SUITE + ")";
    }
}
