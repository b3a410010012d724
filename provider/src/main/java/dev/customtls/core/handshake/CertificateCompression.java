package dev.customtls.core.handshake;

import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.CompressCertificateExtension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CompressedCertificate;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.HandshakeMessageDecoder;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.DataFormatException;

/**
 * TLS certificate compression (RFC 8879), TLS 1.3 only: the algorithms one side can decompress (offered in
 * {@code compress_certificate}) and compress with, and the two directions of the conversion between a
 * Certificate message and a CompressedCertificate. zlib (RFC 1950, {@code java.util.zip}) is the one algorithm
 * implemented; brotli and zstd have no implementation in the JDK or Bouncy Castle.
 *
 * <p>A sender's certificate chain rarely changes, so the last few compressed Certificates are kept, per instance
 * (one per {@code SSLContext}): a server compresses each chain (with its OCSP staple) once. The zlib work is
 * {@link Zlib}'s.
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

    /**
     * How many compressed Certificates are kept (a power of two): a server has one or a few credentials, and an
     * OCSP staple changes its Certificate now and then.
     */
    private static final int KEPT = 8;

    private final List<Integer> algorithms;
    /** The last Certificates compressed and their compressed forms, replaced in turn. */
    private final AtomicReferenceArray<Compressed> kept = new AtomicReferenceArray<>(KEPT);
    private final AtomicInteger nextKept = new AtomicInteger();

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

    /**
     * Our Certificate as we send it to a peer whose ClientHello or CertificateRequest had {@code peerExtensions}:
     * compressed with the algorithm {@link #choose} picks, or as it is.
     */
    public HandshakeMessage forPeer(CertificateMessage certificate, Extensions peerExtensions) {
        int algorithm = choose(peerExtensions);
        return algorithm < 0 ? certificate : compress(certificate, algorithm);
    }

    /** {@code certificate} compressed with {@code algorithm} (one {@link #choose} returned). */
    public CompressedCertificate compress(CertificateMessage certificate, int algorithm) {
        if (algorithm != ZLIB || !algorithms.contains(ZLIB)) {
            throw TlsAlertException.internalError("Cannot compress with algorithm " + algorithmName(algorithm), null);
        }
        // The usual case, without encoding anything: the same Certificate as a recent handshake (our certificates'
        // encodings are the same arrays every time, so the comparison is mostly by reference).
        for (int i = 0; i < KEPT; i++) {
            Compressed c = kept.get(i);
            if (c != null && c.compressed.algorithm() == algorithm && c.message.equals(certificate)) {
                return c.compressed;
            }
        }
        TlsWriter w = new TlsWriter(2048);
        certificate.encodeBody(w);
        byte[] body = w.toByteArray();
        CompressedCertificate result = new CompressedCertificate(algorithm, body.length, Zlib.deflate(body));
        kept.set(nextKept.getAndIncrement() & (KEPT - 1), new Compressed(certificate, result));
        return result;
    }

    /** A Certificate we compressed, and its compressed form. */
    private record Compressed(CertificateMessage message, CompressedCertificate compressed) {
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
        byte[] body;
        try {
            body = Zlib.inflateExactly(c.compressed(), length);
        } catch (DataFormatException e) {
            throw TlsAlertException.fatal(AlertDescription.BAD_CERTIFICATE, "CompressedCertificate is not a valid "
                    + "zlib stream: " + e.getMessage());
        }
        if (body == null) {
            throw TlsAlertException.fatal(AlertDescription.BAD_CERTIFICATE, "CompressedCertificate does not "
                    + "decompress to its uncompressed_length of " + length + " bytes");
        }
        return (CertificateMessage) HandshakeMessageDecoder.decode(HandshakeType.CERTIFICATE, body);
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
}
