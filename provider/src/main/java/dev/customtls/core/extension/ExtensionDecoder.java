package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

/** Decodes one extension's {@code extension_data} by type and message (RFC 8446 section 4.2). */
final class ExtensionDecoder {
    private ExtensionDecoder() {
    }

    /**
     * Decodes {@code data}, which must be consumed exactly ({@code decode_error} otherwise). An unrecognised
     * type gives an {@link UnknownExtension}; a recognised one in a message the table does not allow it in is
     * an {@code illegal_parameter} ("If an implementation receives an extension which it recognizes and which
     * is not specified for the message in which it appears, it MUST abort the handshake with an
     * illegal_parameter alert", RFC 8446 section 4.2).
     */
    static Extension decode(int type, TlsReader data, ExtensionContext ctx) {
        if (!ExtensionPlacement.isRecognized(type, ctx)) {
            return new UnknownExtension(type, data.bytes(data.remaining()));
        }
        if (!ExtensionPlacement.isAllowed(type, ctx)) {
            throw TlsAlertException.illegalParameter(ExtensionType.name(type) + " is not allowed in " + ctx);
        }
        Extension e = decodeAllowed(type, data, ctx);
        data.ensureEmpty(ExtensionType.name(type));
        return e;
    }

    private static Extension decodeAllowed(int type, TlsReader data, ExtensionContext ctx) {
        switch (type) {
            case ExtensionType.SERVER_NAME:
                return ctx == ExtensionContext.CLIENT_HELLO
                        ? ServerNameExtension.decodeClientHello(data) : ServerNameExtension.ACKNOWLEDGEMENT;
            case ExtensionType.STATUS_REQUEST:
                return StatusRequestExtension.decode(data);
            case ExtensionType.SUPPORTED_GROUPS:
                return SupportedGroupsExtension.decode(data);
            case ExtensionType.SIGNATURE_ALGORITHMS:
                return SignatureAlgorithmsExtension.decode(data);
            case ExtensionType.SIGNATURE_ALGORITHMS_CERT:
                return SignatureAlgorithmsCertExtension.decode(data);
            case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION:
                return ctx == ExtensionContext.CLIENT_HELLO
                        ? AlpnExtension.decode(data) : AlpnExtension.decodeSelected(data);
            case ExtensionType.RECORD_SIZE_LIMIT:
                return RecordSizeLimitExtension.decode(data);
            case ExtensionType.COMPRESS_CERTIFICATE:
                return CompressCertificateExtension.decode(data);
            case ExtensionType.PRE_SHARED_KEY:
                return ctx == ExtensionContext.CLIENT_HELLO
                        ? PreSharedKeyClientHello.decode(data) : PreSharedKeyServerHello.decode(data);
            case ExtensionType.EARLY_DATA:
                return ctx == ExtensionContext.NEW_SESSION_TICKET
                        ? EarlyDataExtension.decodeNewSessionTicket(data) : EarlyDataExtension.INDICATION;
            case ExtensionType.SUPPORTED_VERSIONS:
                return ctx == ExtensionContext.CLIENT_HELLO
                        ? SupportedVersionsClientHello.decode(data) : SupportedVersionsServerHello.decode(data);
            case ExtensionType.COOKIE:
                return CookieExtension.decode(data);
            case ExtensionType.PSK_KEY_EXCHANGE_MODES:
                return PskKeyExchangeModesExtension.decode(data);
            case ExtensionType.CERTIFICATE_AUTHORITIES:
                return CertificateAuthoritiesExtension.decode(data);
            case ExtensionType.POST_HANDSHAKE_AUTH:
                return PostHandshakeAuthExtension.INSTANCE;
            case ExtensionType.KEY_SHARE:
                return switch (ctx) {
                    case CLIENT_HELLO -> KeyShareClientHello.decode(data);
                    case HELLO_RETRY_REQUEST -> KeyShareHelloRetryRequest.decode(data);
                    default -> KeyShareServerHello.decode(data);
                };
            case ExtensionType.EXTENDED_MASTER_SECRET:
                return ExtendedMasterSecretExtension.INSTANCE;
            case ExtensionType.RENEGOTIATION_INFO:
                return RenegotiationInfoExtension.decode(data);
            case ExtensionType.EC_POINT_FORMATS:
                return EcPointFormatsExtension.decode(data);
            case ExtensionType.SESSION_TICKET:
                return SessionTicketExtension.decode(data);
            default:
                throw new AssertionError("ExtensionPlacement recognises 0x" + Integer.toHexString(type));
        }
    }
}
