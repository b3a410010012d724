package dev.customtls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.PeerCertificateDecoder;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificate-chain handling: a TLS 1.3 Certificate message body (RFC 8446 section 4.4.2) decoded, then its
 * DER entries parsed by {@link PeerCertificateDecoder} with the chain-length cap
 * ({@code jdk.tls.maxCertificateChainLength}). Seeds: genuine chains of each key type.
 *
 * <p>Property: decode_error or illegal_parameter from the message, bad_certificate from the decoder, or
 * certificates; never another exception, never more certificates than the cap.
 */
class CertificateChainFuzzTest {
    private static final int CAP = 10;

    @FuzzTest(maxDuration = "10m")
    void decodeChain(byte[] body) {
        CertificateMessage message;
        try {
            message = CertificateMessage.decode(new TlsReader(body));
        } catch (TlsAlertException expected) {
            return;
        }
        List<byte[]> der = new ArrayList<>();
        for (CertificateEntry entry : message.entries()) {
            der.add(entry.certData());
        }
        try {
            List<X509Certificate> chain = PeerCertificateDecoder.decode(der, CAP);
            if (chain.size() != der.size() || chain.size() > CAP) {
                throw new AssertionError("decoded " + chain.size() + " of " + der.size());
            }
        } catch (TlsAlertException e) {
            if (e.alert() != AlertDescription.BAD_CERTIFICATE) {
                throw new AssertionError("unexpected alert " + e.alert(), e);
            }
        }
    }
}
