package dev.customtls.core.text;

import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.EarlyDataExtension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.KeyShareHelloRetryRequest;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.extension.PreSharedKeyClientHello;
import dev.customtls.core.extension.PreSharedKeyServerHello;
import dev.customtls.core.extension.PskKeyExchangeModesExtension;
import dev.customtls.core.extension.RecordSizeLimitExtension;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.extension.SupportedVersionsClientHello;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CertificateRequest;
import dev.customtls.core.message.CertificateStatus;
import dev.customtls.core.message.CertificateVerify;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.CompressedCertificate;
import dev.customtls.core.message.EncryptedExtensions;
import dev.customtls.core.message.EndOfEarlyData;
import dev.customtls.core.message.Finished;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.KeyUpdate;
import dev.customtls.core.message.NewSessionTicket;
import dev.customtls.core.message.ServerHello;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain-words description of a decoded handshake message (RFC 8446 section 4): a title and detail lines.
 * Only public content is shown; opaque values that could matter (tickets, signatures, verify data, key
 * shares) are shown by length.
 *
 * @param title   e.g. {@code ClientHello}
 * @param details one fact per line
 */
public record HandshakeMessageText(String title, List<String> details) {

    public HandshakeMessageText {
        details = List.copyOf(details);
    }

    /** Describes any handshake message. */
    public static HandshakeMessageText of(HandshakeMessage m) {
        if (m instanceof ClientHello) {
            return clientHello((ClientHello) m);
        }
        if (m instanceof ServerHello) {
            return serverHello((ServerHello) m);
        }
        if (m instanceof EncryptedExtensions) {
            return new HandshakeMessageText("EncryptedExtensions", extensionLines(((EncryptedExtensions) m).extensions()));
        }
        if (m instanceof CertificateRequest) {
            return new HandshakeMessageText("CertificateRequest", extensionLines(((CertificateRequest) m).extensions()));
        }
        if (m instanceof CertificateMessage) {
            return certificate((CertificateMessage) m);
        }
        if (m instanceof CertificateVerify) {
            CertificateVerify cv = (CertificateVerify) m;
            return new HandshakeMessageText("CertificateVerify", List.of("signature scheme: "
                    + WireNames.scheme(cv.signatureScheme()) + ", signature " + cv.signature().length
                    + " bytes over the transcript hash (RFC 8446 section 4.4.3)"));
        }
        if (m instanceof Finished) {
            return new HandshakeMessageText("Finished", List.of("verify_data: " + ((Finished) m).verifyData().length
                    + " bytes, HMAC of the transcript under the finished key (RFC 8446 section 4.4.4)"));
        }
        if (m instanceof NewSessionTicket) {
            NewSessionTicket t = (NewSessionTicket) m;
            List<String> lines = new ArrayList<>();
            lines.add("ticket lifetime: " + t.lifetime() + " s, ticket " + t.ticket().length + " bytes, nonce "
                    + t.nonce().length + " bytes");
            EarlyDataExtension early = t.extensions().get(EarlyDataExtension.class);
            if (early != null) {
                lines.add("early data allowed: up to " + early.maxEarlyDataSize() + " bytes");
            }
            return new HandshakeMessageText("NewSessionTicket", lines);
        }
        if (m instanceof KeyUpdate) {
            return new HandshakeMessageText("KeyUpdate", List.of("update_requested: " + ((KeyUpdate) m).updateRequested()));
        }
        if (m instanceof EndOfEarlyData) {
            return new HandshakeMessageText("EndOfEarlyData", List.of());
        }
        if (m instanceof CertificateStatus) {
            return new HandshakeMessageText("CertificateStatus", List.of("stapled OCSP response: "
                    + ((CertificateStatus) m).ocspResponse().length + " bytes, for the trust manager (RFC 6066 section 8)"));
        }
        if (m instanceof CompressedCertificate c) {
            return new HandshakeMessageText("CompressedCertificate", List.of("algorithm: "
                    + dev.customtls.core.handshake.CertificateCompression.algorithmName(c.algorithm()),
                    "Certificate of " + c.uncompressedLength() + " bytes in " + c.compressed().length
                            + " (RFC 8879)"));
        }
        return new HandshakeMessageText("handshake message type " + m.type(), List.of());
    }

    /** RFC 8446 section 4.1.2. */
    private static HandshakeMessageText clientHello(ClientHello ch) {
        List<String> lines = new ArrayList<>();
        Extensions ext = ch.extensions();
        SupportedVersionsClientHello versions = ext.get(SupportedVersionsClientHello.class);
        lines.add("versions: " + (versions != null ? WireNames.list(versions.versions(), WireNames::version)
                : WireNames.version(ch.legacyVersion()) + " (legacy_version; no supported_versions)"));
        lines.add("cipher suites: " + WireNames.list(ch.cipherSuites(), WireNames::suite));
        SupportedGroupsExtension groups = ext.get(SupportedGroupsExtension.class);
        if (groups != null) {
            lines.add("groups: " + WireNames.list(groups.groups(), WireNames::group));
        }
        KeyShareClientHello shares = ext.get(KeyShareClientHello.class);
        if (shares != null) {
            List<String> s = new ArrayList<>();
            for (KeyShareEntry e : shares.shares()) {
                s.add(WireNames.group(e.group()) + " (" + e.keyExchange().length + " bytes)");
            }
            lines.add("key-share groups: " + (s.isEmpty() ? "none (asks the server to choose)" : String.join(", ", s)));
        }
        SignatureAlgorithmsExtension sigs = ext.get(SignatureAlgorithmsExtension.class);
        if (sigs != null) {
            lines.add("signature algorithms: " + WireNames.list(sigs.schemes(), WireNames::scheme));
        }
        lines.add("random: " + WireNames.hex(ch.random()));
        lines.add("legacy_session_id: " + ch.legacySessionId().length + " bytes");
        lines.addAll(commonExtensionLines(ext));
        PskKeyExchangeModesExtension modes = ext.get(PskKeyExchangeModesExtension.class);
        if (modes != null) {
            lines.add("psk_key_exchange_modes: " + WireNames.list(modes.modes(), WireNames::pskMode));
        }
        PreSharedKeyClientHello psk = ext.get(PreSharedKeyClientHello.class);
        if (psk != null) {
            lines.add("pre_shared_key: " + psk.identities().size() + " identities (resumption offered)");
        }
        lines.add("extensions: " + WireNames.list(ext.types(), WireNames::extension));
        return new HandshakeMessageText("ClientHello", lines);
    }

    /** RFC 8446 sections 4.1.3 and 4.1.4 (HelloRetryRequest). */
    private static HandshakeMessageText serverHello(ServerHello sh) {
        List<String> lines = new ArrayList<>();
        Extensions ext = sh.extensions();
        SupportedVersionsServerHello version = ext.get(SupportedVersionsServerHello.class);
        lines.add("version: " + (version != null ? WireNames.version(version.selectedVersion())
                : WireNames.version(sh.legacyVersion()) + " (legacy_version; no supported_versions)"));
        lines.add("cipher suite: " + WireNames.suite(sh.cipherSuite()));
        if (sh.isHelloRetryRequest()) {
            KeyShareHelloRetryRequest hrr = ext.get(KeyShareHelloRetryRequest.class);
            lines.add("the server asks the client to retry"
                    + (hrr != null ? " with a key share for " + WireNames.group(hrr.selectedGroup()) : ""));
            lines.add("extensions: " + WireNames.list(ext.types(), WireNames::extension));
            return new HandshakeMessageText("HelloRetryRequest", lines);
        }
        KeyShareServerHello share = ext.get(KeyShareServerHello.class);
        if (share != null) {
            lines.add("group: " + WireNames.group(share.share().group()) + " (server share "
                    + share.share().keyExchange().length + " bytes)");
        }
        PreSharedKeyServerHello psk = ext.get(PreSharedKeyServerHello.class);
        if (psk != null) {
            lines.add("pre_shared_key: identity " + psk.selectedIdentity() + " accepted (resumption)");
        }
        lines.add("random: " + WireNames.hex(sh.random()));
        lines.add("extensions: " + WireNames.list(ext.types(), WireNames::extension));
        return new HandshakeMessageText("ServerHello", lines);
    }

    /** RFC 8446 section 4.4.2: each entry's certificate, parsed for display only. */
    private static HandshakeMessageText certificate(CertificateMessage m) {
        List<X509Certificate> chain = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (CertificateEntry e : m.entries()) {
            try {
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(e.certData())));
            } catch (CertificateException | RuntimeException ex) {
                lines.add("entry of " + e.certData().length + " bytes that is not an X.509 certificate");
            }
        }
        if (m.entries().isEmpty()) {
            lines.add("no certificate");
        }
        lines.addAll(CertificateDescription.chain(chain));
        return new HandshakeMessageText("Certificate", lines);
    }

    private static List<String> extensionLines(Extensions ext) {
        List<String> lines = new ArrayList<>(commonExtensionLines(ext));
        lines.add("extensions: " + (ext.isEmpty() ? "(none)" : WireNames.list(ext.types(), WireNames::extension)));
        return lines;
    }

    private static List<String> commonExtensionLines(Extensions ext) {
        List<String> lines = new ArrayList<>();
        ServerNameExtension sni = ext.get(ServerNameExtension.class);
        if (sni != null) {
            lines.add("server_name: " + (sni.hostNames().isEmpty() ? "(acknowledged)" : String.join(", ", sni.hostNames())));
        }
        AlpnExtension alpn = ext.get(AlpnExtension.class);
        if (alpn != null) {
            List<String> printable = new ArrayList<>();
            for (String p : alpn.protocols()) {
                printable.add(Printable.of(p));
            }
            lines.add("ALPN: " + String.join(", ", printable));
        }
        RecordSizeLimitExtension limit = ext.get(RecordSizeLimitExtension.class);
        if (limit != null) {
            lines.add("record_size_limit: " + limit.limit());
        }
        EarlyDataExtension early = ext.get(EarlyDataExtension.class);
        if (early != null) {
            lines.add("early_data: indicated");
        }
        return lines;
    }
}
