package dev.customtls.core.handshake;

import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.CompressCertificateExtension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CompressedCertificate;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.HandshakeMessageDecoder;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * TLS certificate compression (RFC 8879), TLS 1.3 only: the algorithms one side can decompress (offered in
 * {@code compress_certificate}) and compress with, and the two directions of the conversion between a
 * Certificate message and a CompressedCertificate. zlib (RFC 1950, {@code java.util.zip}) is the one algorithm
 * implemented; brotli and zstd have no implementation in the JDK or Bouncy Castle.
 *
 * <p>A sender's certificate chain rarely changes, so compressed messages are kept, per instance (one per
 * {@code SSLContext}), keyed by the uncompressed message: a server compresses each chain (and OCSP staple) once,
 * and the last few chains are recognised without being encoded again. Inflaters are pooled (a few, shared).
 * Receiving checks what RFC 8879 section 4 asks for: an algorithm we offered (else illegal_parameter), a
 * stream that decompresses to exactly {@code uncompressed_length} bytes (else bad_certificate), and, against
 * decompression bombs, an {@code uncompressed_length} within the handshake message size limit (else
 * bad_certificate) before anything is decompressed. Thread-safe.
 */
public final class CertificateCompression {
    /** {@code zlib(1)}. */
    public static final int ZLIB = 1;
    /** {@code brotli(2)}, not implemented. */
    public static final int BROTLI = 2;
    /** {@code zstd(3)}, not implemented. */
    public static final int ZSTD = 3;

    /** No compression: nothing offered, nothing compressed. */
    public static final CertificateCompression NONE = new CertificateCompression(List.of());

    /** Above this many cached chains the cache starts again (chains with changing OCSP staples). */
    private static final int CACHE_LIMIT = 32;
    /** How many recent chains {@link #compress} compares before encoding (a power of two). */
    private static final int RECENT = 4;
    /** Inflaters kept for reuse across handshakes and contexts (each holds about 40 KB of native memory). */
    private static final int POOLED_INFLATERS = 8;
    private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private final List<Integer> algorithms;
    private final ConcurrentHashMap<Key, byte[]> compressed = new ConcurrentHashMap<>();
    /** The last few chains compressed, checked first (a server has one or two credentials). */
    private final AtomicReferenceArray<Recent> recent = new AtomicReferenceArray<>(RECENT);
    private final AtomicInteger nextRecent = new AtomicInteger();

    private CertificateCompression(List<Integer> algorithms) {
        this.algorithms = List.copyOf(algorithms);
    }

    /** zlib, with a cache of its own (make one per context). */
    public static CertificateCompression zlib() {
        return new CertificateCompression(List.of(ZLIB));
    }

    /** The algorithms we decompress and compress with, in preference order; empty when off. */
    public List<Integer> algorithms() {
        return algorithms;
    }

    public boolean isEnabled() {
        return !algorithms.isEmpty();
    }

    /** Our {@code compress_certificate} extension (RFC 8879 section 3); only when {@link #isEnabled()}. */
    public CompressCertificateExtension extension() {
        return new CompressCertificateExtension(algorithms);
    }

    /**
     * The algorithm to compress our Certificate with for a peer whose ClientHello or CertificateRequest had
     * {@code peerExtensions}: the first of ours the peer offers, or -1 to send it uncompressed.
     */
    public int choose(Extensions peerExtensions) {
        CompressCertificateExtension offer = peerExtensions.get(CompressCertificateExtension.class);
        if (offer == null) {
            return -1;
        }
        for (int a : algorithms) {
            if (offer.algorithms().contains(a)) {
                return a;
            }
        }
        return -1;
    }

    /** {@code certificate} compressed with {@code algorithm} (one {@link #choose} returned). */
    public CompressedCertificate compress(CertificateMessage certificate, int algorithm) {
        if (algorithm != ZLIB || !algorithms.contains(ZLIB)) {
            throw TlsAlertException.internalError("Cannot compress with algorithm " + algorithmName(algorithm), null);
        }
        // The usual case, without encoding anything: the same chain as a recent handshake (our certificates'
        // encodings are the same arrays every time, so the comparison is mostly by reference).
        for (int i = 0; i < RECENT; i++) {
            Recent r = recent.get(i);
            if (r != null && r.compressed.algorithm() == algorithm && sameMessage(r.message, certificate)) {
                return r.compressed;
            }
        }
        CompressedCertificate result = compressEncoded(certificate, algorithm);
        recent.set(nextRecent.getAndIncrement() & (RECENT - 1), new Recent(certificate, result));
        return result;
    }

    /** A recently compressed Certificate and its compressed form. */
    private record Recent(CertificateMessage message, CompressedCertificate compressed) {
    }

    private static boolean sameMessage(CertificateMessage a, CertificateMessage b) {
        if (a == b) {
            return true;
        }
        if (!Arrays.equals(a.requestContext(), b.requestContext()) || a.entries().size() != b.entries().size()) {
            return false;
        }
        for (int i = 0; i < a.entries().size(); i++) {
            CertificateEntry x = a.entries().get(i);
            CertificateEntry y = b.entries().get(i);
            if ((x.certData() != y.certData() && !Arrays.equals(x.certData(), y.certData()))
                    || !x.extensions().equals(y.extensions())) {
                return false;
            }
        }
        return true;
    }

    private CompressedCertificate compressEncoded(CertificateMessage certificate, int algorithm) {
        TlsWriter w = new TlsWriter(2048);
        certificate.encodeBody(w);
        byte[] body = w.toByteArray();
        Key key = new Key(body);
        byte[] out = compressed.get(key);
        if (out == null) {
            out = deflate(body);
            if (compressed.size() >= CACHE_LIMIT) {
                compressed.clear();
            }
            compressed.put(key, out);
        }
        return new CompressedCertificate(algorithm, body.length, out);
    }

    private static byte[] deflate(byte[] body) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The Certificate message of a received {@code frame}: a Certificate, or, when {@code offered} (we sent
     * {@code compress_certificate} in our ClientHello or CertificateRequest), a CompressedCertificate, which
     * is decompressed. Anything else is unexpected_message.
     *
     * @param maxLength the largest {@code uncompressed_length} accepted ({@code jdk.tls.maxHandshakeMessageSize})
     */
    public Received receive(HandshakeFrame frame, boolean offered, int maxLength, String state) {
        if (frame.type() != HandshakeType.COMPRESSED_CERTIFICATE || !offered) {
            CertificateMessage cm = HandshakeSupport.expect(frame, HandshakeType.CERTIFICATE, CertificateMessage.class,
                    state);
            return new Received(cm, cm);
        }
        CompressedCertificate cc = HandshakeSupport.expect(frame, HandshakeType.COMPRESSED_CERTIFICATE,
                CompressedCertificate.class, state);
        return new Received(cc, decompress(cc, maxLength));
    }

    /** What {@link #receive} read: the message as received (for the transcript's listener) and its Certificate. */
    public record Received(HandshakeMessage message, CertificateMessage certificate) {
    }

    /** RFC 8879 section 4: the Certificate inside {@code c}, checked as the class comment says. */
    public CertificateMessage decompress(CompressedCertificate c, int maxLength) {
        if (!algorithms.contains(c.algorithm()) || c.algorithm() != ZLIB) {
            throw TlsAlertException.illegalParameter("CompressedCertificate uses "
                    + algorithmName(c.algorithm()) + ", which was not offered in compress_certificate");
        }
        int length = c.uncompressedLength();
        if (length > maxLength) {
            throw TlsAlertException.fatal(AlertDescription.BAD_CERTIFICATE, "CompressedCertificate announces "
                    + length + " bytes, above the handshake message limit of " + maxLength
                    + " (jdk.tls.maxHandshakeMessageSize)");
        }
        byte[] body = new byte[length];
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater();
        } else {
            POOLED.decrementAndGet();
        }
        boolean reusable = false;
        try {
            inflater.setInput(c.compressed());
            int n = 0;
            while (n < length) {
                int k = inflater.inflate(body, n, length - n);
                if (k == 0) {
                    break; // finished early, or the input ran out
                }
                n += k;
            }
            // The stream must end exactly here: nothing more to inflate, and no bytes after it.
            boolean exact = n == length && inflater.inflate(new byte[1]) == 0 && inflater.finished()
                    && inflater.getRemaining() == 0;
            if (!exact) {
                throw TlsAlertException.fatal(AlertDescription.BAD_CERTIFICATE, "CompressedCertificate does not "
                        + "decompress to its uncompressed_length of " + length + " bytes");
            }
            reusable = true;
        } catch (DataFormatException e) {
            throw TlsAlertException.fatal(AlertDescription.BAD_CERTIFICATE, "CompressedCertificate is not a valid "
                    + "zlib stream: " + e.getMessage());
        } finally {
            release(inflater, reusable);
        }
        return (CertificateMessage) HandshakeMessageDecoder.decode(HandshakeType.CERTIFICATE, body);
    }

    /** Back to the pool after a clean use (reset), else freed; freed too when the pool is full. */
    private static void release(Inflater inflater, boolean reusable) {
        if (reusable && POOLED.incrementAndGet() <= POOLED_INFLATERS) {
            inflater.reset();
            INFLATERS.offer(inflater);
            return;
        }
        if (reusable) {
            POOLED.decrementAndGet();
        }
        inflater.end();
    }

    /** The RFC 8879 name of an algorithm code. */
    public static String algorithmName(int algorithm) {
        return switch (algorithm) {
            case ZLIB -> "zlib";
            case BROTLI -> "brotli";
            case ZSTD -> "zstd";
            default -> "algorithm " + algorithm;
        };
    }

    /** The RFC 8879 code of an algorithm name (case-insensitive), or -1. */
    public static int algorithmCode(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "zlib" -> ZLIB;
            case "brotli" -> BROTLI;
            case "zstd" -> ZSTD;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        return "CertificateCompression" + algorithms.stream().map(CertificateCompression::algorithmName).toList()
                + " (extension " + ExtensionType.name(ExtensionType.COMPRESS_CERTIFICATE) + ")";
    }

    /** A message body as a map key, by content. */
    private record Key(byte[] body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.body, body);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(body);
        }
    }
}
