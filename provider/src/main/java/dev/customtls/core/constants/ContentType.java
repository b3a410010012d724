package dev.customtls.core.constants;

/** Record content types (RFC 8446 section 5.1). */
public final class ContentType {
    public static final int INVALID = 0;
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;

    private ContentType() {
    }

    public static String name(int type) {
        switch (type) {
            case CHANGE_CIPHER_SPEC: return "change_cipher_spec";
            case ALERT: return "alert";
            case HANDSHAKE: return "handshake";
            case APPLICATION_DATA: return "application_data";
            default: return "unknown(" + type + ")";
        }
    }
}
