package dev.customtls.core.extension;

/**
 * The message an extension block belongs to. It decides which extensions may appear (RFC 8446 section 4.2,
 * the table of extensions and messages) and the form of extensions whose encoding depends on the message
 * (e.g. {@code key_share}, {@code supported_versions}, {@code early_data}).
 */
public enum ExtensionContext {
    /** ClientHello, TLS 1.3 or TLS 1.2. */
    CLIENT_HELLO,
    /** A TLS 1.3 ServerHello (one that carries {@code supported_versions}). */
    SERVER_HELLO,
    /** A HelloRetryRequest (a ServerHello whose random is the special value of RFC 8446 section 4.1.3). */
    HELLO_RETRY_REQUEST,
    /** TLS 1.3 EncryptedExtensions. */
    ENCRYPTED_EXTENSIONS,
    /** The extensions of one TLS 1.3 CertificateEntry. */
    CERTIFICATE,
    /** TLS 1.3 CertificateRequest. */
    CERTIFICATE_REQUEST,
    /** TLS 1.3 NewSessionTicket. */
    NEW_SESSION_TICKET,
    /** A TLS 1.2 (or earlier) ServerHello. */
    TLS12_SERVER_HELLO;

    /** True for the two hello messages in which the TLS 1.2-only extensions are defined. */
    boolean carriesTls12Extensions() {
        return this == CLIENT_HELLO || this == TLS12_SERVER_HELLO;
    }
}
