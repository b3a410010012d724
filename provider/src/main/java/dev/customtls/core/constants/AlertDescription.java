package dev.customtls.core.constants;

/** TLS alert descriptions (RFC 8446 section 6, RFC 5246 section 7.2). */
public enum AlertDescription {
    CLOSE_NOTIFY(0, "close_notify"),
    UNEXPECTED_MESSAGE(10, "unexpected_message"),
    BAD_RECORD_MAC(20, "bad_record_mac"),
    RECORD_OVERFLOW(22, "record_overflow"),
    HANDSHAKE_FAILURE(40, "handshake_failure"),
    BAD_CERTIFICATE(42, "bad_certificate"),
    UNSUPPORTED_CERTIFICATE(43, "unsupported_certificate"),
    CERTIFICATE_REVOKED(44, "certificate_revoked"),
    CERTIFICATE_EXPIRED(45, "certificate_expired"),
    CERTIFICATE_UNKNOWN(46, "certificate_unknown"),
    ILLEGAL_PARAMETER(47, "illegal_parameter"),
    UNKNOWN_CA(48, "unknown_ca"),
    ACCESS_DENIED(49, "access_denied"),
    DECODE_ERROR(50, "decode_error"),
    DECRYPT_ERROR(51, "decrypt_error"),
    PROTOCOL_VERSION(70, "protocol_version"),
    INSUFFICIENT_SECURITY(71, "insufficient_security"),
    INTERNAL_ERROR(80, "internal_error"),
    INAPPROPRIATE_FALLBACK(86, "inappropriate_fallback"),
    USER_CANCELED(90, "user_canceled"),
    NO_RENEGOTIATION(100, "no_renegotiation"),
    MISSING_EXTENSION(109, "missing_extension"),
    UNSUPPORTED_EXTENSION(110, "unsupported_extension"),
    UNRECOGNIZED_NAME(112, "unrecognized_name"),
    BAD_CERTIFICATE_STATUS_RESPONSE(113, "bad_certificate_status_response"),
    UNKNOWN_PSK_IDENTITY(115, "unknown_psk_identity"),
    CERTIFICATE_REQUIRED(116, "certificate_required"),
    NO_APPLICATION_PROTOCOL(120, "no_application_protocol");

    /** {@code values()} once: every call of {@code values()} clones the array. */
    private static final AlertDescription[] VALUES = values();

    private final int code;
    private final String rfcName;

    AlertDescription(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    public int code() {
        return code;
    }

    /** The name used in the RFCs, e.g. {@code handshake_failure}. */
    public String rfcName() {
        return rfcName;
    }

    /** The description for a wire code, or null when the code is unknown. */
    public static AlertDescription fromCode(int code) {
        for (AlertDescription a : VALUES) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
