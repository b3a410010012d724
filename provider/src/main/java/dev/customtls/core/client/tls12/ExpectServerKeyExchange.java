package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.Tls12SignaturePolicy;
import dev.customtls.core.message.ServerKeyExchange;

import java.security.cert.X509Certificate;

/**
 * Waiting for the ECDHE ServerKeyExchange (RFC 8422 section 5.4, RFC 5246 section 7.4.3): the group must
 * be one we offered (illegal_parameter), the scheme one we offered that fits the certificate's key
 * (illegal_parameter), and the signature over {@code client_random + server_random + params} must verify
 * (decrypt_error).
 */
record ExpectServerKeyExchange(X509Certificate serverCertificate) implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        ServerKeyExchange ske = hs.expect(frame, HandshakeType.SERVER_KEY_EXCHANGE, ServerKeyExchange.class, name());
        NamedGroup group = NamedGroup.fromCode(ske.namedGroup());
        SupportedGroupsExtension offeredGroups = hs.clientHello.extensions().get(SupportedGroupsExtension.class);
        if (group == null || !group.isEcdhe() || offeredGroups == null || !offeredGroups.groups().contains(group.code())
                || !hs.crypto.supportsGroup(group)) {
            throw TlsAlertException.illegalParameter(String.format(
                    "ServerKeyExchange uses group 0x%04x, which the client did not offer", ske.namedGroup()));
        }
        SignatureScheme scheme = SignatureScheme.fromCode(ske.signatureScheme());
        if (scheme == null || !hs.config.signatureSchemes().contains(scheme)
                || !Tls12SignaturePolicy.fits(scheme, serverCertificate.getPublicKey())) {
            throw TlsAlertException.illegalParameter(String.format("ServerKeyExchange signed with scheme 0x%04x, which "
                    + "the client did not offer or which does not fit the server's key", ske.signatureScheme()));
        }
        byte[] content = ServerKeyExchange.signedContent(hs.clientHello.random(), hs.serverRandom, ske.params());
        if (!hs.crypto.verify(scheme, serverCertificate.getPublicKey(), content, ske.signature())) {
            throw TlsAlertException.fatal(AlertDescription.DECRYPT_ERROR,
                    "The ServerKeyExchange signature (" + scheme.rfcName() + ") does not verify");
        }
        hs.received(ske, frame);
        hs.session.setNamedGroup(group);
        hs.step("ServerKeyExchange: " + group.rfcName() + ", signature (" + scheme.rfcName() + ") verified");
        return new ExpectCertificateRequestOrDone(serverCertificate, ske);
    }
}
