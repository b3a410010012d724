package dev.customtls.core.client;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.RecordSizeLimitExtension;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.message.EncryptedExtensions;

/** Waiting for EncryptedExtensions (RFC 8446 section 4.3.1). */
record ExpectEncryptedExtensions() implements ClientState {

    @Override
    public ClientState handle(ClientHandshake hs, HandshakeFrame frame) {
        EncryptedExtensions ee = HandshakeSupport.expect(frame, HandshakeType.ENCRYPTED_EXTENSIONS,
                EncryptedExtensions.class, name());
        String alpn = "";
        boolean earlyDataAccepted = false;
        for (Extension e : ee.extensions().list()) {
            switch (e.type()) {
                case ExtensionType.EARLY_DATA:
                    // RFC 8446 section 4.2.10: the server accepts 0-RTT by echoing early_data.
                    if (hs.pskOffer == null || !hs.pskOffer.earlyDataSent()) {
                        throw unsolicited(e);
                    }
                    earlyDataAccepted = true;
                    break;
                case ExtensionType.SERVER_NAME:
                    if (hs.config.serverNames().isEmpty()) {
                        throw unsolicited(e);
                    }
                    break;
                case ExtensionType.SUPPORTED_GROUPS:
                    break; // the server's preference, informational (RFC 8446 section 4.2.7)
                case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION:
                    alpn = checkAlpn(hs, (AlpnExtension) e);
                    break;
                case ExtensionType.RECORD_SIZE_LIMIT:
                    // RFC 8449 section 4: in TLS 1.3 the limit includes the content type byte.
                    hs.conn.setMaxFragment(((RecordSizeLimitExtension) e).limit() - 1);
                    break;
                default:
                    throw unsolicited(e);
            }
        }
        hs.received(ee, frame);
        if (hs.pskOffer != null) {
            hs.pskOffer.earlyDataAnswered(hs, earlyDataAccepted, hs.suite, hs.resumed);
        }
        if (hs.resumed) {
            // RFC 8446 section 2.2: a PSK handshake has no server Certificate or CertificateVerify. The
            // session keeps the ALPN of this handshake.
            hs.session.setApplicationProtocol(alpn);
            return new ExpectServerFinished(null);
        }
        hs.session.setApplicationProtocol(alpn);
        return new ExpectCertificateOrRequest();
    }

    private static String checkAlpn(ClientHandshake hs, AlpnExtension alpn) {
        if (hs.config.applicationProtocols().isEmpty()) {
            throw unsolicited(alpn);
        }
        if (alpn.protocols().size() != 1) {
            throw TlsAlertException.illegalParameter("The server's ALPN extension must name exactly one protocol");
        }
        String chosen = alpn.protocols().get(0);
        if (!hs.config.applicationProtocols().contains(chosen)) {
            throw TlsAlertException.illegalParameter("The server selected application protocol '" + chosen
                    + "', which the client did not offer");
        }
        return chosen;
    }

    private static TlsAlertException unsolicited(Extension e) {
        return TlsAlertException.fatal(AlertDescription.UNSUPPORTED_EXTENSION, "EncryptedExtensions contains "
                + ExtensionType.name(e.type()) + ", which the client did not request");
    }
}
