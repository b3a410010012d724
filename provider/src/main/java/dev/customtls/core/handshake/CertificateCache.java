package dev.customtls.core.handshake;

import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
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
    /** How many of our own certificates' encodings are kept (a server has a handful of chains). */
    private static final int OWN_CAPACITY = 16;

    private final int capacity;
    private final Map<ByteBuffer, X509Certificate> entries;
    /** DER of our own certificates, which {@code X509Certificate.getEncoded()} would copy on every handshake. */
    private final Map<X509Certificate, byte[]> encodings = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<X509Certificate, byte[]> eldest) {
            return size() > OWN_CAPACITY;
        }
    };

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

    /**
     * The DER encoding of one of our own certificates, the same array for an equal certificate every time:
     * it only goes to the wire, and callers must not change it.
     */
    public byte[] encode(X509Certificate certificate) throws CertificateEncodingException {
        byte[] der;
        synchronized (encodings) {
            der = encodings.get(certificate);
        }
        if (der == null) {
            der = certificate.getEncoded();
            synchronized (encodings) {
                encodings.put(certificate, der);
            }
        }
        return der;
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
