package dev.customtls.cli;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * What a finished handshake negotiated, read from the public JSSE API after the fact.
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param namedGroup  the key exchange group when the provider exposes it (Custom does), else {@code null}
 * @param serverNames the SNI host names the client sent (seen by the server), possibly empty
 * @param alpn        the negotiated application protocol, or {@code null} when none was negotiated
 * @param peerChain   the peer's certificates, leaf first (empty if the peer sent none)
 */
record SessionReport(String protocol, String cipherSuite, String namedGroup, List<String> serverNames,
        String alpn, List<X509Certificate> peerChain) {

    /** The session value under which the {@code Custom} provider exposes the key exchange group's name. */
    static final String NAMED_GROUP_KEY = "dev.customtls.namedGroup";

    SessionReport {
        serverNames = List.copyOf(serverNames);
        peerChain = List.copyOf(peerChain);
    }

    /** Reads the report from a socket whose handshake completed. */
    static SessionReport of(SSLSocket socket) {
        SSLSession s = socket.getSession();
        Object group = s.getValue(NAMED_GROUP_KEY);
        return new SessionReport(s.getProtocol(), s.getCipherSuite(), group == null ? null : group.toString(),
                serverNames(s), alpn(socket), peerChain(s));
    }

    /** Lines for protocol, suite, group (when known), SNI and ALPN. */
    List<String> negotiatedLines() {
        List<String> lines = new ArrayList<>();
        lines.add("protocol:     " + protocol);
        lines.add("cipher suite: " + cipherSuite);
        lines.add("named group:  " + (namedGroup == null ? "(not exposed by this provider)" : namedGroup));
        lines.add("server name:  " + (serverNames.isEmpty() ? "(none)" : String.join(", ", serverNames)));
        lines.add("ALPN:         " + (alpn == null ? "(none)" : alpn));
        return lines;
    }

    /** The peer's leaf certificate subject, or {@code (none)}. */
    String peerSubject() {
        return peerChain.isEmpty() ? "(none)" : peerChain.get(0).getSubjectX500Principal().getName();
    }

    private static List<String> serverNames(SSLSession s) {
        List<String> names = new ArrayList<>();
        if (s instanceof ExtendedSSLSession) {
            try {
                for (SNIServerName n : ((ExtendedSSLSession) s).getRequestedServerNames()) {
                    names.add(n instanceof SNIHostName ? ((SNIHostName) n).getAsciiName() : n.toString());
                }
            } catch (UnsupportedOperationException e) {
                // the provider does not report it; leave the list empty
            }
        }
        return names;
    }

    private static String alpn(SSLSocket socket) {
        try {
            String p = socket.getApplicationProtocol();
            return p == null || p.isEmpty() ? null : p;
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private static List<X509Certificate> peerChain(SSLSession s) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : s.getPeerCertificates()) {
                if (c instanceof X509Certificate) {
                    chain.add((X509Certificate) c);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // no peer certificates (e.g. a server without client authentication)
        }
        return chain;
    }
}
