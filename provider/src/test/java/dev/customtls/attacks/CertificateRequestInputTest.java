package dev.customtls.attacks;

import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.extension.CertificateAuthoritiesExtension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static dev.customtls.attacks.AttackPeers.concat;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The certificate_authorities of a TLS 1.3 CertificateRequest (RFC 8446 section 4.2.4) from a hostile server:
 * the names go to the client's key manager as principals, so each must be a DER distinguished name.
 */
class CertificateRequestInputTest {

    private static SSLException flightWithRequest(List<byte[]> authorities) throws Exception {
        SSLEngine client = AttackPeers.client(AttackPeers.context("TLSv1.3"));
        client.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(client));
        Extensions ext = Extensions.of(
                new SignatureAlgorithmsExtension(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256.code())),
                new CertificateAuthoritiesExtension(authorities));
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificateRequest(ext), s.certificate(),
                s.certificateVerify(), s.finished());
        return AttackPeers.feed(client, flight, new ByteArrayOutputStream());
    }

    @Test
    void malformedNameIsDecodeError() throws Exception {
        SSLException e = flightWithRequest(List.of(new byte[] {0x01, 0x02, 0x03}));
        assertNotNull(e, "a name that is not DER was accepted");
        assertTrue(e.getMessage().startsWith("(decode_error)"), e.getMessage());
        assertTrue(e.getMessage().contains("DistinguishedName"), e.getMessage());
    }

    @Test
    void wellFormedNamesAreTaken() throws Exception {
        byte[] ca = AttackPeers.PKI.caCertificate().getSubjectX500Principal().getEncoded();
        assertNull(flightWithRequest(List.of(ca, new javax.security.auth.x500.X500Principal("CN=Other").getEncoded())));
    }
}
