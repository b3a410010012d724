package dev.customtls.core.handshake;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded peer certificates, by their exact DER bytes, so that a peer seen before gets the same
 * {@link X509Certificate} objects. Besides skipping the parse, this lets the JDK's PKIX trust manager
 * reuse the signature checks it cached on those objects (the JDK's {@code X509CertImpl} remembers its
 * last successful verification), which on JDK 17 is most of a handshake's certificate cost. Trust is
 * still decided by the trust manager on every handshake; only parsing and the cryptographic check of an
 * identical certificate under an identical key are reused. Bounded, least recently used evicted;
 * thread-safe.
 */
public final class CertificateCache {
    private final int capacity;
    private final Map<ByteBuffer, X509Certificate> entries;

    public CertificateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, X509Certificate> eldest) {
                return size() > CertificateCache.this.capacity;
            }
        };
    }

    /** Like {@link PeerCertificateDecoder#decode}, reusing certificates decoded before. */
    public List<X509Certificate> decode(List<byte[]> encoded, int maxLength) {
        if (encoded.size() > maxLength) {
            return PeerCertificateDecoder.decode(encoded, maxLength); // raises the alert
        }
        List<X509Certificate> out = new ArrayList<>(encoded.size());
        for (byte[] der : encoded) {
            ByteBuffer key = ByteBuffer.wrap(der);
            X509Certificate cert;
            synchronized (entries) {
                cert = entries.get(key);
            }
            if (cert == null) {
                cert = PeerCertificateDecoder.decode(List.of(der), 1).get(0);
                synchronized (entries) {
                    entries.put(key, cert);
                }
            }
            out.add(cert);
        }
        return out;
    }
}
