package dev.customtls.core.connection;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.extension.DisabledExtensions;
import dev.customtls.core.handshake.CertificateCompression;

import java.util.List;
import java.util.Objects;

/**
 * The immutable configuration of one connection, built by the JSSE adapter from {@code SSLParameters} and
 * the properties read at {@code SSLContext.init}. Lists are in preference order.
 *
 * @param client               true for the client side
 * @param versions             enabled protocol versions
 * @param cipherSuites         enabled suites
 * @param namedGroups          enabled key-exchange groups
 * @param keyShareGroups       client: groups to send key shares for in the first ClientHello (may be empty)
 * @param signatureSchemes     schemes for handshake signatures, ours and accepted from the peer
 * @param certSignatureSchemes schemes accepted in peer certificates (signature_algorithms_cert)
 * @param serverNames          client: host names to send in server_name
 * @param applicationProtocols ALPN protocols (client: offered; server: supported, in preference order)
 * @param clientAuth           server: whether client certificates are requested or required
 * @param useCipherSuitesOrder server: prefer our suite order over the client's
 * @param limits               size and count limits
 * @param acknowledgeCloseNotify answer a TLS 1.3 peer's close_notify with ours at once instead of leaving our
 *                             write side open (SunJSSE's {@code jdk.tls.acknowledgeCloseNotify}; TLS 1.2 always
 *                             answers)
 * @param requestCertificateStatus client: send {@code status_request} (RFC 6066 section 8) so the server may staple
 *                             an OCSP response for the trust manager (SunJSSE's
 *                             {@code jdk.tls.client.enableStatusRequestExtension}, default true)
 * @param extendedMasterSecret TLS 1.2: whether the extended master secret (RFC 7627) is offered, required or
 *                             off (SunJSSE's {@code jdk.tls.useExtendedMasterSecret} and
 *                             {@code jdk.tls.allowLegacyMasterSecret})
 * @param disabledExtensions   extensions this side neither sends nor heeds (SunJSSE's
 *                             {@code jdk.tls.client.disableExtensions} / {@code jdk.tls.server.disableExtensions})
 * @param certificateCompression TLS 1.3 certificate compression (RFC 8879): the algorithms offered and used
 * @param middleboxCompatibility client: TLS 1.3 middlebox compatibility mode (RFC 8446 appendix D.4), a non-empty
 *                             legacy_session_id and a change_cipher_spec before the second flight (SunJSSE's
 *                             {@code jdk.tls.client.useCompatibilityMode}, default true)
 */
public record TlsConfig(
        boolean client,
        List<ProtocolVersion> versions,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> namedGroups,
        List<NamedGroup> keyShareGroups,
        List<SignatureScheme> signatureSchemes,
        List<SignatureScheme> certSignatureSchemes,
        List<String> serverNames,
        List<String> applicationProtocols,
        ClientAuth clientAuth,
        boolean useCipherSuitesOrder,
        Limits limits,
        boolean acknowledgeCloseNotify,
        boolean requestCertificateStatus,
        ExtendedMasterSecret extendedMasterSecret,
        DisabledExtensions disabledExtensions,
        CertificateCompression certificateCompression,
        boolean middleboxCompatibility) {

    /** Client authentication policy of a server. */
    public enum ClientAuth { NONE, WANTED, REQUIRED }

    /**
     * TLS 1.2's extended master secret (RFC 7627): {@link #OFFERED} (the default) uses it whenever the peer
     * does; {@link #REQUIRED} also ends a full handshake with a peer that does not (handshake_failure, as
     * section 5.2 and 5.3 allow); {@link #DISABLED} neither offers nor accepts it (for peers that mishandle it;
     * TLS 1.2 sessions are then never resumed, as only sessions with it are kept).
     */
    public enum ExtendedMasterSecret { OFFERED, REQUIRED, DISABLED }

    /**
     * Limits against hostile peers; defaults as SunJSSE's properties.
     *
     * @param maxHandshakeMessageSize    {@code jdk.tls.maxHandshakeMessageSize} (32768)
     * @param maxCertificateChainLength  {@code jdk.tls.maxCertificateChainLength} (10)
     * @param maxEmptyRecords            consecutive empty records tolerated
     * @param maxWarningAlerts           consecutive warning alerts tolerated
     * @param maxKeyUpdates              consecutive KeyUpdates without application data tolerated
     * @param keyUpdateLimits            TLS 1.3: bytes protected under one traffic key before it is replaced
     *                                   ({@code jdk.tls.keyLimits})
     */
    public record Limits(int maxHandshakeMessageSize, int maxCertificateChainLength, int maxEmptyRecords,
                         int maxWarningAlerts, int maxKeyUpdates, KeyUpdateLimits keyUpdateLimits) {
        public static final Limits DEFAULT = new Limits(32768, 10, 32, 8, 32);

        /** Limits without byte limits on traffic keys (RFC 8446 section 5.5's record limits still apply). */
        public Limits(int maxHandshakeMessageSize, int maxCertificateChainLength, int maxEmptyRecords,
                      int maxWarningAlerts, int maxKeyUpdates) {
            this(maxHandshakeMessageSize, maxCertificateChainLength, maxEmptyRecords, maxWarningAlerts, maxKeyUpdates,
                    KeyUpdateLimits.NONE);
        }

        public Limits {
            Objects.requireNonNull(keyUpdateLimits, "keyUpdateLimits");
        }
    }

    /**
     * TLS 1.3 (SunJSSE's {@code jdk.tls.keyLimits}): how many bytes of records one traffic key may protect before
     * a KeyUpdate replaces it (RFC 8446 section 4.6.3), per AEAD family; 0 means no byte limit. A sender updates
     * its own key; a receiver whose peer's key reached the limit asks the peer to update (update_requested).
     * Whatever these say, a key is replaced before RFC 8446 section 5.5's record limit.
     *
     * @param aesGcm             AES-128-GCM and AES-256-GCM ({@code AES/GCM/NoPadding})
     * @param chaCha20Poly1305   ChaCha20-Poly1305
     */
    public record KeyUpdateLimits(long aesGcm, long chaCha20Poly1305) {
        public static final KeyUpdateLimits NONE = new KeyUpdateLimits(0, 0);

        public KeyUpdateLimits {
            if (aesGcm < 0 || chaCha20Poly1305 < 0) {
                throw new IllegalArgumentException("negative key limit");
            }
        }

        /** The limit for keys of {@code algorithm}, 0 for none. */
        public long bytes(dev.customtls.core.constants.AeadAlgorithm algorithm) {
            return algorithm == dev.customtls.core.constants.AeadAlgorithm.CHACHA20_POLY1305 ? chaCha20Poly1305 : aesGcm;
        }
    }

    public TlsConfig {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
        keyShareGroups = List.copyOf(keyShareGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
        certSignatureSchemes = List.copyOf(certSignatureSchemes);
        serverNames = List.copyOf(serverNames);
        applicationProtocols = List.copyOf(applicationProtocols);
        Objects.requireNonNull(disabledExtensions, "disabledExtensions");
        Objects.requireNonNull(certificateCompression, "certificateCompression");
    }

    /** This configuration with a client's {@code serverNames} (SNI) instead of its own. */
    public TlsConfig withServerNames(List<String> names) {
        return new TlsConfig(client, versions, cipherSuites, namedGroups, keyShareGroups, signatureSchemes,
                certSignatureSchemes, names, applicationProtocols, clientAuth, useCipherSuitesOrder, limits,
                acknowledgeCloseNotify, requestCertificateStatus, extendedMasterSecret, disabledExtensions,
                certificateCompression, middleboxCompatibility);
    }

    public boolean tls13Enabled() {
        return versions.contains(ProtocolVersion.TLS13);
    }
}
