package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.Extensions;

import java.util.Arrays;
import java.util.Objects;

/**
 * CertificateRequest (RFC 8446 section 4.3.2): {@code opaque certificate_request_context<0..2^8-1>} and
 * {@code Extension extensions<2..2^16-1>}, which must include {@code signature_algorithms}.
 */
public record CertificateRequest(byte[] requestContext, Extensions extensions) implements HandshakeMessage {
    public CertificateRequest {
        Objects.requireNonNull(requestContext, "requestContext");
        Objects.requireNonNull(extensions, "extensions");
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.opaque8(requestContext);
        extensions.encode(w);
    }

    /**
     * Decodes the body exactly. "The signature_algorithms extension MUST be specified" (section 4.3.2):
     * without it, {@code missing_extension} (section 9.2).
     */
    public static CertificateRequest decode(TlsReader body) {
        byte[] context = body.opaque8();
        Extensions extensions = Extensions.decode(body, ExtensionContext.CERTIFICATE_REQUEST);
        body.ensureEmpty("CertificateRequest");
        if (!extensions.has(ExtensionType.SIGNATURE_ALGORITHMS)) {
            throw TlsAlertException.fatal(AlertDescription.MISSING_EXTENSION,
                    "CertificateRequest without signature_algorithms");
        }
        return new CertificateRequest(context, extensions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest c && Arrays.equals(c.requestContext, requestContext)
                && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(requestContext) + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateRequest[requestContext=" + requestContext.length + " bytes, extensions=" + extensions
                + "]";
    }
}
