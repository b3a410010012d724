package dev.customtls.attacks;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.RenegotiationInfoExtension;
import dev.customtls.core.extension.StatusRequestExtension;
import dev.customtls.core.message.CertificateStatus;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.message.Tls12Certificate;
import dev.customtls.jsse.TemporaryProperties;
import org.junit.jupiter.api.Test;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static dev.customtls.attacks.AttackPeers.concat;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Stapled OCSP responses from a hostile or broken server (RFC 6066 section 8, RFC 8446 section 4.4.2.1): what a
 * client that asked for one accepts, what it refuses and with which alert. The responses themselves are the trust
 * manager's to judge (spi-tests' {@code OcspStaplingTest} runs the JDK's PKIX checks against OpenSSL).
 */
class CertificateStatusInputTest {

    private static final byte[] RESPONSE = {0x30, 0x03, 0x0a, 0x01, 0x00}; // any bytes: not parsed by the engine

    private static void assertAlert(AlertDescription alert, SSLException e) {
        assertNotNull(e, "expected " + alert.rfcName());
        assertTrue(e.getMessage().startsWith("(" + alert.rfcName() + ")"), e.getMessage());
    }

    private static byte[] status(int statusType, byte[] response) {
        byte[] b = new byte[4 + response.length];
        b[0] = (byte) statusType;
        b[1] = (byte) (response.length >>> 16);
        b[2] = (byte) (response.length >>> 8);
        b[3] = (byte) response.length;
        System.arraycopy(response, 0, b, 4, response.length);
        return b;
    }

    // ---- TLS 1.3: the response in the leaf's CertificateEntry ----

    private static SSLException tls13(byte[] statusRequestData, SSLEngine client) throws Exception {
        client.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(client));
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificateWithStatus(statusRequestData),
                s.certificateVerify(), s.finished());
        return AttackPeers.feed(client, flight, new ByteArrayOutputStream());
    }

    @Test
    void tls13StapledResponseReachesTheSession() throws Exception {
        SSLEngine client = AttackPeers.client(AttackPeers.context("TLSv1.3"));
        assertNull(tls13(status(1, RESPONSE), client));
        List<byte[]> responses = ((ExtendedSSLSession) client.getSession()).getStatusResponses();
        assertEquals(2, responses.size(), "one per certificate of the chain");
        assertArrayEquals(RESPONSE, responses.get(0));
        assertEquals(0, responses.get(1).length, "the CA's certificate had none");
        responses.get(0)[0] = 0; // a copy: the session keeps its own
        assertArrayEquals(RESPONSE, ((ExtendedSSLSession) client.getSession()).getStatusResponses().get(0));
    }

    @Test
    void tls13OtherStatusTypeRefused() throws Exception {
        assertAlert(AlertDescription.DECODE_ERROR,
                tls13(status(2, RESPONSE), AttackPeers.client(AttackPeers.context("TLSv1.3"))));
    }

    @Test
    void tls13EmptyResponseRefused() throws Exception {
        assertAlert(AlertDescription.DECODE_ERROR,
                tls13(status(1, new byte[0]), AttackPeers.client(AttackPeers.context("TLSv1.3"))));
    }

    @Test
    void tls13ResponseLengthBeyondTheExtensionRefused() throws Exception {
        byte[] data = status(1, RESPONSE);
        data[3] = (byte) (RESPONSE.length + 1);
        assertAlert(AlertDescription.DECODE_ERROR, tls13(data, AttackPeers.client(AttackPeers.context("TLSv1.3"))));
    }

    @Test
    void tls13TrailingBytesRefused() throws Exception {
        byte[] data = concat(status(1, RESPONSE), new byte[] {0});
        assertAlert(AlertDescription.DECODE_ERROR, tls13(data, AttackPeers.client(AttackPeers.context("TLSv1.3"))));
    }

    @Test
    void tls13UnrequestedStapleRefused() throws Exception {
        SSLEngine client = AttackPeers.client(TemporaryProperties.with( // read at SSLContext.init
                java.util.Map.of("jdk.tls.client.enableStatusRequestExtension", "false"),
                () -> AttackPeers.context("TLSv1.3")));
        assertAlert(AlertDescription.UNSUPPORTED_EXTENSION, tls13(status(1, RESPONSE), client));
    }

    // ---- TLS 1.2: status_request acknowledged in ServerHello, then a CertificateStatus message ----

    private static SSLException tls12(StatusRequestExtension ack, byte[] afterCertificate) throws Exception {
        SSLEngine c = AttackPeers.client(AttackPeers.context("TLSv1.2"));
        c.beginHandshake();
        ClientHello ch = ClientHelloEdit.decode(AttackPeers.drain(c));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        List<dev.customtls.core.extension.Extension> ext = new ArrayList<>();
        ext.add(new RenegotiationInfoExtension(new byte[0]));
        if (ack != null) {
            ext.add(ack);
        }
        ServerHello sh = new ServerHello(0x0303, random, ch.legacySessionId(), 0xc02b, 0, Extensions.of(ext));
        List<byte[]> chain = new ArrayList<>();
        for (X509Certificate cert : AttackPeers.SERVER.chain()) {
            chain.add(cert.getEncoded());
        }
        byte[] flight = concat(AttackPeers.record(22, 0x0303, sh.encode()),
                AttackPeers.record(22, 0x0303, new Tls12Certificate(chain).encode()),
                AttackPeers.record(22, 0x0303, afterCertificate));
        return AttackPeers.feed(c, flight, null);
    }

    private static byte[] certificateStatusMessage(byte[] body) {
        byte[] m = new byte[4 + body.length];
        m[0] = 22; // certificate_status
        m[1] = (byte) (body.length >>> 16);
        m[2] = (byte) (body.length >>> 8);
        m[3] = (byte) body.length;
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    @Test
    void tls12NonEmptyAcknowledgementRefused() throws Exception {
        assertAlert(AlertDescription.DECODE_ERROR, tls12(new StatusRequestExtension(new byte[] {1}),
                new CertificateStatus(RESPONSE).encode()));
    }

    @Test
    void tls12CertificateStatusWithoutAcknowledgementRefused() throws Exception {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, tls12(null, new CertificateStatus(RESPONSE).encode()));
    }

    @Test
    void tls12OtherStatusTypeRefused() throws Exception {
        assertAlert(AlertDescription.DECODE_ERROR, tls12(new StatusRequestExtension(new byte[0]),
                certificateStatusMessage(status(2, RESPONSE))));
    }

    @Test
    void tls12EmptyResponseRefused() throws Exception {
        assertAlert(AlertDescription.DECODE_ERROR, tls12(new StatusRequestExtension(new byte[0]),
                certificateStatusMessage(status(1, new byte[0]))));
    }

    /** The control: an acknowledged, well-formed CertificateStatus is taken; the handshake waits for ServerKeyExchange. */
    @Test
    void tls12WellFormedCertificateStatusAccepted() throws Exception {
        assertNull(tls12(new StatusRequestExtension(new byte[0]), new CertificateStatus(RESPONSE).encode()));
    }
}
