package dev.customtls.core.constants;

/** Handshake message types (RFC 8446 section 4, RFC 5246 section 7.4). */
public final class HandshakeType {
    public static final int HELLO_REQUEST = 0;
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int END_OF_EARLY_DATA = 5;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int SERVER_HELLO_DONE = 14;
    public static final int CERTIFICATE_VERIFY = 15;
    public static final int CLIENT_KEY_EXCHANGE = 16;
    public static final int FINISHED = 20;
    public static final int CERTIFICATE_STATUS = 22;
    public static final int KEY_UPDATE = 24;
    public static final int COMPRESSED_CERTIFICATE = 25;   // RFC 8879
    public static final int MESSAGE_HASH = 254;

    private HandshakeType() {
    }

    public static String name(int type) {
        switch (type) {
            case HELLO_REQUEST: return "hello_request";
            case CLIENT_HELLO: return "client_hello";
            case SERVER_HELLO: return "server_hello";
            case NEW_SESSION_TICKET: return "new_session_ticket";
            case END_OF_EARLY_DATA: return "end_of_early_data";
            case ENCRYPTED_EXTENSIONS: return "encrypted_extensions";
            case CERTIFICATE: return "certificate";
            case SERVER_KEY_EXCHANGE: return "server_key_exchange";
            case CERTIFICATE_REQUEST: return "certificate_request";
            case SERVER_HELLO_DONE: return "server_hello_done";
            case CERTIFICATE_VERIFY: return "certificate_verify";
            case CLIENT_KEY_EXCHANGE: return "client_key_exchange";
            case FINISHED: return "finished";
            case CERTIFICATE_STATUS: return "certificate_status";
            case KEY_UPDATE: return "key_update";
            case COMPRESSED_CERTIFICATE: return "compressed_certificate";
            case MESSAGE_HASH: return "message_hash";
            default: return "unknown(" + type + ")";
        }
    }
}
