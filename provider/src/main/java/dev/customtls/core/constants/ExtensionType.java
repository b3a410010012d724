package dev.customtls.core.constants;

/** Extension code points (RFC 8446 section 4.2 and the RFCs named beside each). */
public final class ExtensionType {
    public static final int SERVER_NAME = 0;
    public static final int MAX_FRAGMENT_LENGTH = 1;
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;               // RFC 8422 (TLS 1.2)
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int USE_SRTP = 14;
    public static final int HEARTBEAT = 15;
    public static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
    public static final int SIGNED_CERTIFICATE_TIMESTAMP = 18;
    public static final int CLIENT_CERTIFICATE_TYPE = 19;
    public static final int SERVER_CERTIFICATE_TYPE = 20;
    public static final int PADDING = 21;
    public static final int ENCRYPT_THEN_MAC = 22;               // RFC 7366 (TLS 1.2)
    public static final int EXTENDED_MASTER_SECRET = 23;         // RFC 7627 (TLS 1.2)
    public static final int COMPRESS_CERTIFICATE = 27;           // RFC 8879
    public static final int RECORD_SIZE_LIMIT = 28;              // RFC 8449
    public static final int SESSION_TICKET = 35;                 // RFC 5077 (TLS 1.2)
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int CERTIFICATE_AUTHORITIES = 47;
    public static final int OID_FILTERS = 48;
    public static final int POST_HANDSHAKE_AUTH = 49;
    public static final int SIGNATURE_ALGORITHMS_CERT = 50;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xff01;         // RFC 5746 (TLS 1.2)

    private ExtensionType() {
    }

    /** The code of the extension with this RFC name ({@link #name(int)}'s spelling), or -1 if we do not know it. */
    public static int fromName(String name) {
        for (int code : KNOWN) {
            if (name(code).equals(name)) {
                return code;
            }
        }
        return -1;
    }

    /** The codes {@link #name(int)} knows a name for. */
    private static final int[] KNOWN = {SERVER_NAME, MAX_FRAGMENT_LENGTH, STATUS_REQUEST, SUPPORTED_GROUPS,
        EC_POINT_FORMATS, SIGNATURE_ALGORITHMS, APPLICATION_LAYER_PROTOCOL_NEGOTIATION, PADDING, EXTENDED_MASTER_SECRET,
        COMPRESS_CERTIFICATE, RECORD_SIZE_LIMIT, SESSION_TICKET, PRE_SHARED_KEY, EARLY_DATA, SUPPORTED_VERSIONS, COOKIE,
        PSK_KEY_EXCHANGE_MODES, CERTIFICATE_AUTHORITIES, POST_HANDSHAKE_AUTH, SIGNATURE_ALGORITHMS_CERT, KEY_SHARE,
        RENEGOTIATION_INFO};

    public static String name(int type) {
        switch (type) {
            case SERVER_NAME: return "server_name";
            case MAX_FRAGMENT_LENGTH: return "max_fragment_length";
            case STATUS_REQUEST: return "status_request";
            case SUPPORTED_GROUPS: return "supported_groups";
            case EC_POINT_FORMATS: return "ec_point_formats";
            case SIGNATURE_ALGORITHMS: return "signature_algorithms";
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION: return "application_layer_protocol_negotiation";
            case PADDING: return "padding";
            case EXTENDED_MASTER_SECRET: return "extended_master_secret";
            case COMPRESS_CERTIFICATE: return "compress_certificate";
            case RECORD_SIZE_LIMIT: return "record_size_limit";
            case SESSION_TICKET: return "session_ticket";
            case PRE_SHARED_KEY: return "pre_shared_key";
            case EARLY_DATA: return "early_data";
            case SUPPORTED_VERSIONS: return "supported_versions";
            case COOKIE: return "cookie";
            case PSK_KEY_EXCHANGE_MODES: return "psk_key_exchange_modes";
            case CERTIFICATE_AUTHORITIES: return "certificate_authorities";
            case POST_HANDSHAKE_AUTH: return "post_handshake_auth";
            case SIGNATURE_ALGORITHMS_CERT: return "signature_algorithms_cert";
            case KEY_SHARE: return "key_share";
            case RENEGOTIATION_INFO: return "renegotiation_info";
            default: return "unknown(" + type + ")";
        }
    }
}
