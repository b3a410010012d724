package dev.customtls.core.session;

/** What became of 0-RTT data on a connection (RFC 8446 section 4.2.10). */
public enum EarlyDataStatus {
    /** No early data was sent (client) or offered (server). */
    NOT_ATTEMPTED,
    /** The server accepted the early data. */
    ACCEPTED,
    /** The client sent early data and the server did not accept it. */
    REJECTED
}
