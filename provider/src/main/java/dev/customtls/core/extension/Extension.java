package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsWriter;

/**
 * One TLS extension (RFC 8446 section 4.2): its type code and the encoding of its {@code extension_data}.
 * Implementations are immutable records; byte arrays they hold are shared, not copied, and must not be
 * changed by callers. Their {@code toString()} prints lengths, never the content of opaque fields.
 */
public sealed interface Extension permits ServerNameExtension, SupportedGroupsExtension,
        SignatureAlgorithmsExtension, SignatureAlgorithmsCertExtension, SupportedVersionsClientHello,
        SupportedVersionsServerHello, KeyShareClientHello, KeyShareServerHello, KeyShareHelloRetryRequest,
        AlpnExtension, CookieExtension, PskKeyExchangeModesExtension, PreSharedKeyClientHello,
        PreSharedKeyServerHello, EarlyDataExtension, RecordSizeLimitExtension, ExtendedMasterSecretExtension,
        RenegotiationInfoExtension, EcPointFormatsExtension, SessionTicketExtension, PostHandshakeAuthExtension,
        CertificateAuthoritiesExtension, StatusRequestExtension, CompressCertificateExtension, UnknownExtension {

    /** The extension type code ({@link dev.customtls.core.constants.ExtensionType}). */
    int type();

    /** Writes {@code extension_data} only, without the type and length header. */
    void encodeData(TlsWriter w);
}
