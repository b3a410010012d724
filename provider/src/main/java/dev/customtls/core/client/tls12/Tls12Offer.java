package dev.customtls.core.client.tls12;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.extension.EcPointFormatsExtension;
import dev.customtls.core.extension.ExtendedMasterSecretExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.RenegotiationInfoExtension;
import dev.customtls.core.extension.SessionTicketExtension;
import dev.customtls.core.session.Tls12SessionState;
import dev.customtls.core.session.Tls12SessionStore;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ClientHello carries for TLS 1.2 (RFC 5246 section 7.4.1.2): the TLS 1.2 suites after the TLS 1.3
 * ones, supported_versions listing 0x0303, extended_master_secret (RFC 7627), an empty renegotiation_info
 * (RFC 5746 section 3.4, instead of the SCSV), ec_point_formats [uncompressed] (RFC 8422 section 5.1.2)
 * and session_ticket, empty or carrying the ticket of the session we offer (RFC 5077 section 3.2).
 */
public final class Tls12Offer {
    private Tls12Offer() {
    }

    /** Whether TLS 1.2 is enabled. */
    public static boolean enabled(TlsConfig config) {
        return config.versions().contains(ProtocolVersion.TLS12);
    }

    /** The enabled TLS 1.2 suites in preference order (empty when TLS 1.2 is disabled). */
    public static List<CipherSuite> suites(TlsConfig config) {
        List<CipherSuite> out = new ArrayList<>();
        if (enabled(config)) {
            for (CipherSuite s : config.cipherSuites()) {
                if (!s.isTls13()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** supported_versions, newest first: 0x0304 and/or 0x0303 as enabled. */
    public static List<Integer> supportedVersions(TlsConfig config) {
        boolean tls13 = false;
        if (config.tls13Enabled()) {
            for (CipherSuite s : config.cipherSuites()) {
                tls13 |= s.isTls13();
            }
        }
        boolean tls12 = enabled(config) && !suites(config).isEmpty();
        int[] out = new int[(tls13 ? 1 : 0) + (tls12 ? 1 : 0)];
        if (tls13) {
            out[0] = ProtocolVersion.TLS13.code();
        }
        if (tls12) {
            out[out.length - 1] = ProtocolVersion.TLS12.code();
        }
        return IntList.own(out);
    }

    /** The cached session to offer to this connection's peer, or null (RFC 5246 section 7.4.1.2). */
    public static Tls12SessionState find(TlsConnection conn) {
        TlsConfig config = conn.config();
        Tls12SessionStore store = conn.tls12SessionStore();
        if (store == null || !config.client() || conn.session().peerHost() == null || suites(config).isEmpty()) {
            return null;
        }
        Tls12SessionState s = store.findForPeer(conn.session().peerHost(), conn.session().peerPort());
        return s != null && config.cipherSuites().contains(s.suite()) ? s : null;
    }

    /** Adds the TLS 1.2 suites and extensions when TLS 1.2 is enabled. */
    public static void addTo(TlsConfig config, Tls12SessionState offered, List<Integer> suiteCodes, List<Extension> ext) {
        List<CipherSuite> suites = suites(config);
        if (suites.isEmpty()) {
            return;
        }
        for (CipherSuite s : suites) {
            suiteCodes.add(s.code());
        }
        if (config.disabledExtensions().contains(ExtensionType.RENEGOTIATION_INFO)) {
            // RFC 5746 section 3.3: without the extension, the signalling suite says we renegotiate securely.
            suiteCodes.add(CipherSuite.EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        if (config.extendedMasterSecret() != TlsConfig.ExtendedMasterSecret.DISABLED) {
            ext.add(ExtendedMasterSecretExtension.INSTANCE);
        }
        ext.add(new RenegotiationInfoExtension(new byte[0]));
        ext.add(new EcPointFormatsExtension(List.of(EcPointFormatsExtension.UNCOMPRESSED)));
        ext.add(new SessionTicketExtension(offered == null ? new byte[0] : offered.ticket()));
    }
}
