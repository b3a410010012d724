package dev.customtls.attacks;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.handshake.CertificateCompression;
import dev.customtls.core.message.ClientHello;
import dev.customtls.jsse.TemporaryProperties;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;

import static dev.customtls.attacks.AttackPeers.concat;
import static org.junit.jupiter.api.Assertions.*;

/**
 * CompressedCertificate (RFC 8879 section 4) from a hostile server, against a client that offered zlib (the
 * default): the valid message is taken (its compressed form is what the transcript hashes, or the server's
 * CertificateVerify and Finished would not verify); every broken one ends the handshake with the alert the RFC
 * names, before more than {@code uncompressed_length} bytes are ever inflated.
 */
class CompressedCertificateInputTest {

    private static void assertAlert(AlertDescription alert, SSLException e) {
        assertNotNull(e, "expected " + alert.rfcName());
        assertTrue(e.getMessage().startsWith("(" + alert.rfcName() + ")"), e.getMessage());
    }

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out);
        assertTrue(d.finished());
        d.end();
        return Arrays.copyOf(out, n);
    }

    /** The server's flight with a CompressedCertificate made by {@code compressed} from the real body. */
    private static SSLException handshake(SSLEngine client, java.util.function.Function<byte[], Object[]> compressed)
            throws Exception {
        client.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(client));
        Object[] fields = compressed.apply(s.certificateBody());
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(),
                s.compressedCertificate((Integer) fields[0], (Integer) fields[1], (byte[]) fields[2]),
                s.certificateVerify(), s.finished());
        return AttackPeers.feed(client, flight, new ByteArrayOutputStream());
    }

    private static SSLEngine client() throws Exception {
        return AttackPeers.client(AttackPeers.context("TLSv1.3"));
    }

    @Test
    void theClientHelloOffersZlib() throws Exception {
        SSLEngine client = client();
        client.beginHandshake();
        ClientHello ch = ClientHelloEdit.decode(AttackPeers.drain(client));
        assertTrue(ch.extensions().has(ExtensionType.COMPRESS_CERTIFICATE));
        assertEquals(java.util.List.of(CertificateCompression.ZLIB),
                ch.extensions().get(dev.customtls.core.extension.CompressCertificateExtension.class).algorithms());
    }

    @Test
    void aValidCompressedCertificateIsTaken() throws Exception {
        SSLEngine client = client();
        assertNull(handshake(client, body -> new Object[] {CertificateCompression.ZLIB, body.length, zlib(body)}));
        assertEquals(AttackPeers.SERVER.chain().get(0), client.getSession().getPeerCertificates()[0]);
    }

    @Test
    void notOfferedIsUnexpected() throws Exception {
        SSLContext off = TemporaryProperties.with(Map.of("dev.customtls.certificateCompression", "none"),
                () -> AttackPeers.context("TLSv1.3"));
        SSLEngine client = AttackPeers.client(off);
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, handshake(client,
                body -> new Object[] {CertificateCompression.ZLIB, body.length, zlib(body)}));
    }

    @Test
    void anAlgorithmNotOfferedIsIllegal() throws Exception {
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, handshake(client(),
                body -> new Object[] {CertificateCompression.BROTLI, body.length, zlib(body)}));
    }

    @Test
    void aLengthAboveTheMessageLimitIsRefusedBeforeInflating() throws Exception {
        // 16 MB of zeros announced: refused from the announcement (the stream is a few bytes).
        assertAlert(AlertDescription.BAD_CERTIFICATE, handshake(client(),
                body -> new Object[] {CertificateCompression.ZLIB, 0xffffff, zlib(new byte[1 << 20])}));
    }

    @Test
    void aBombWithinTheLimitStopsAtTheAnnouncedLength() throws Exception {
        // 1 MB of zeros (about 1 KB compressed) announced as 30,000 bytes: inflation stops there, and the
        // stream, which goes on, does not match.
        assertAlert(AlertDescription.BAD_CERTIFICATE, handshake(client(),
                body -> new Object[] {CertificateCompression.ZLIB, 30_000, zlib(new byte[1 << 20])}));
    }

    @Test
    void aWrongLengthIsBadCertificate() throws Exception {
        assertAlert(AlertDescription.BAD_CERTIFICATE, handshake(client(),
                body -> new Object[] {CertificateCompression.ZLIB, body.length + 1, zlib(body)}));
        assertAlert(AlertDescription.BAD_CERTIFICATE, handshake(client(),
                body -> new Object[] {CertificateCompression.ZLIB, body.length - 1, zlib(body)}));
    }

    @Test
    void bytesAfterTheStreamAreBadCertificate() throws Exception {
        assertAlert(AlertDescription.BAD_CERTIFICATE, handshake(client(), body -> {
            byte[] z = zlib(body);
            byte[] more = Arrays.copyOf(z, z.length + 3);
            return new Object[] {CertificateCompression.ZLIB, body.length, more};
        }));
    }

    @Test
    void notZlibIsBadCertificate() throws Exception {
        assertAlert(AlertDescription.BAD_CERTIFICATE, handshake(client(),
                body -> new Object[] {CertificateCompression.ZLIB, body.length, Arrays.copyOf(body, 40)}));
        // A truncated stream.
        assertAlert(AlertDescription.BAD_CERTIFICATE, handshake(client(), body -> {
            byte[] z = zlib(body);
            return new Object[] {CertificateCompression.ZLIB, body.length, Arrays.copyOf(z, z.length / 2)};
        }));
    }

    @Test
    void aDecompressedMessageThatDoesNotParseIsDecodeError() throws Exception {
        byte[] junk = new byte[100];
        Arrays.fill(junk, (byte) 0x7f);
        assertAlert(AlertDescription.DECODE_ERROR, handshake(client(),
                body -> new Object[] {CertificateCompression.ZLIB, junk.length, zlib(junk)}));
    }
}
