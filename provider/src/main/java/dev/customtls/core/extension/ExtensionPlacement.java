package dev.customtls.core.extension;

import dev.customtls.core.constants.ExtensionType;

/**
 * Which recognised extension may appear in which message: the table of RFC 8446 section 4.2, RFC 8449
 * section 4 for {@code record_size_limit}, and, for TLS 1.2 ServerHello, RFC 5246 section 7.4.1.4 with the
 * extensions of RFC 6066, 7301, 7627, 5746, 8422 and 5077.
 *
 * <p>Extensions absent from this table are "unrecognised": they decode as {@link UnknownExtension} in every
 * message. The TLS 1.2-only extensions ({@code extended_master_secret}, {@code renegotiation_info},
 * {@code ec_point_formats}, {@code session_ticket}) are recognised only in ClientHello and TLS 1.2
 * ServerHello; elsewhere they are unrecognised, so the handshake decides (RFC 8446 section 4.2).
 */
public final class ExtensionPlacement {
    private static final int CH = bit(ExtensionContext.CLIENT_HELLO);
    private static final int SH = bit(ExtensionContext.SERVER_HELLO);
    private static final int HRR = bit(ExtensionContext.HELLO_RETRY_REQUEST);
    private static final int EE = bit(ExtensionContext.ENCRYPTED_EXTENSIONS);
    private static final int CT = bit(ExtensionContext.CERTIFICATE);
    private static final int CR = bit(ExtensionContext.CERTIFICATE_REQUEST);
    private static final int NST = bit(ExtensionContext.NEW_SESSION_TICKET);
    private static final int SH12 = bit(ExtensionContext.TLS12_SERVER_HELLO);

    private ExtensionPlacement() {
    }

    private static int bit(ExtensionContext ctx) {
        return 1 << ctx.ordinal();
    }

    /** The set of messages (as a bit mask of context ordinals) a recognised extension may appear in; 0 if unrecognised. */
    private static int allowedIn(int type) {
        switch (type) {
            case ExtensionType.SERVER_NAME: return CH | EE | SH12;
            case ExtensionType.STATUS_REQUEST: return CH | CR | CT | SH12;
            case ExtensionType.SUPPORTED_GROUPS: return CH | EE;
            case ExtensionType.SIGNATURE_ALGORITHMS: return CH | CR;
            case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION: return CH | EE | SH12;
            case ExtensionType.RECORD_SIZE_LIMIT: return CH | EE | SH12;
            case ExtensionType.COMPRESS_CERTIFICATE: return CH | CR; // RFC 8879 section 3
            case ExtensionType.PRE_SHARED_KEY: return CH | SH;
            case ExtensionType.EARLY_DATA: return CH | EE | NST;
            case ExtensionType.SUPPORTED_VERSIONS: return CH | SH | HRR;
            case ExtensionType.COOKIE: return CH | HRR;
            case ExtensionType.PSK_KEY_EXCHANGE_MODES: return CH;
            case ExtensionType.CERTIFICATE_AUTHORITIES: return CH | CR;
            case ExtensionType.POST_HANDSHAKE_AUTH: return CH;
            case ExtensionType.SIGNATURE_ALGORITHMS_CERT: return CH | CR;
            case ExtensionType.KEY_SHARE: return CH | SH | HRR;
            case ExtensionType.EXTENDED_MASTER_SECRET:
            case ExtensionType.RENEGOTIATION_INFO:
            case ExtensionType.EC_POINT_FORMATS:
            case ExtensionType.SESSION_TICKET:
                return CH | SH12;
            default: return 0;
        }
    }

    /** True if this code interprets {@code type} when it appears in {@code ctx}. */
    public static boolean isRecognized(int type, ExtensionContext ctx) {
        return allowedIn(type) != 0 && (!isTls12Only(type) || ctx.carriesTls12Extensions());
    }

    /** True if a recognised extension {@code type} may appear in {@code ctx}. */
    public static boolean isAllowed(int type, ExtensionContext ctx) {
        return (allowedIn(type) & bit(ctx)) != 0;
    }

    /** The extensions defined for TLS 1.2 only (RFC 7627, 5746, 8422, 5077). */
    public static boolean isTls12Only(int type) {
        return type == ExtensionType.EXTENDED_MASTER_SECRET || type == ExtensionType.RENEGOTIATION_INFO
                || type == ExtensionType.EC_POINT_FORMATS || type == ExtensionType.SESSION_TICKET;
    }
}
