package dev.customtls.jsse;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * The subjects of a trust manager's accepted issuers, DER-encoded for a server's CertificateRequest, as SunJSSE
 * names them. Asked per handshake (a trust manager may change what it accepts), encoded again only when the
 * answer changes: the JDK's trust managers return the same certificate objects every time.
 */
final class AcceptedIssuerNames {
    private record Snapshot(X509Certificate[] issuers, List<byte[]> names) {
    }

    private volatile Snapshot last = new Snapshot(new X509Certificate[0], List.of());

    List<byte[]> of(X509TrustManager trustManager) {
        X509Certificate[] issuers = trustManager == null ? null : trustManager.getAcceptedIssuers();
        if (issuers == null) {
            issuers = new X509Certificate[0];
        }
        Snapshot s = last;
        if (same(s.issuers, issuers)) {
            return s.names;
        }
        List<byte[]> names = new ArrayList<>(issuers.length);
        for (X509Certificate c : issuers) {
            if (c != null) {
                names.add(c.getSubjectX500Principal().getEncoded());
            }
        }
        Snapshot fresh = new Snapshot(issuers.clone(), List.copyOf(names));
        last = fresh;
        return fresh.names;
    }

    private static boolean same(X509Certificate[] a, X509Certificate[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && (a[i] == null || !a[i].equals(b[i]))) {
                return false;
            }
        }
        return true;
    }
}
