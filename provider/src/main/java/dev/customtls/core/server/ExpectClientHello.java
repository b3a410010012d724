package dev.customtls.core.server;

import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.CertificateAuthoritiesExtension;
import dev.customtls.core.extension.CookieExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.KeyShareHelloRetryRequest;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.extension.SupportedVersionsClientHello;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.handshake.DistinguishedNames;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.ServerHello;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Waiting for a ClientHello (RFC 8446 section 4.1.2), or for the second one after our HelloRetryRequest.
 *
 * @param retry what we asked for in the HelloRetryRequest, or null for the first ClientHello
 */
record ExpectClientHello(Retry retry) implements ServerState {

    /** The HelloRetryRequest we sent: the second ClientHello must match it. */
    record Retry(CipherSuite suite, NamedGroup group, byte[] cookie, List<Integer> firstCipherSuites) {
    }

    @Override
    public ServerState handle(ServerHandshake hs, HandshakeFrame frame) {
        ClientHello received = HandshakeSupport.expect(frame, HandshakeType.CLIENT_HELLO, ClientHello.class, name());
        ClientHello ch = heeded(hs, received);
        if (retry == null && dev.customtls.core.server.tls12.Tls12ServerHandshake.selectsTls12(hs.config, ch)) {
            // TLS 1.2 hook: version negotiation chose TLS 1.2 (RFC 8446 section 4.2.1).
            hs.enterTls12(ch, frame);
            return this;
        }
        checkVersion(hs, ch);
        if (ch.legacyCompressionMethods().length != 1 || ch.legacyCompressionMethods()[0] != 0) {
            throw TlsAlertException.illegalParameter("TLS 1.3 ClientHello must offer exactly the null compression method");
        }
        CipherSuite suite = chooseSuite(hs.config, ch);
        if (retry != null) {
            checkRetry(ch, suite);
        }
        List<SignatureScheme> clientSchemes = signatureSchemes(ch);
        List<Integer> clientGroups = supportedGroups(ch);
        KeyShareClientHello shares = ch.extensions().get(KeyShareClientHello.class);
        if (shares == null) {
            throw TlsAlertException.fatal(AlertDescription.MISSING_EXTENSION, "ClientHello has no key_share extension");
        }
        KeyShareEntry clientShare = chooseShare(hs, shares, clientGroups);
        hs.session.setPeerSignatureSchemes(clientSchemes);
        hs.session.setLocalSignatureSchemes(hs.config.signatureSchemes());
        CertificateAuthoritiesExtension authorities = ch.extensions().get(CertificateAuthoritiesExtension.class);
        if (authorities != null) {
            // RFC 8446 section 4.2.4: the CAs the client trusts, for the choice of our certificate.
            hs.session.setPeerCertificateAuthorities(DistinguishedNames.principals(authorities.distinguishedNames()));
        }
        serverName(hs, ch);
        if (received.extensions().has(ExtensionType.EARLY_DATA) && retry == null) {
            // RFC 8446 section 4.2.10: skip the early data unless PskAcceptance accepts it below (never when
            // early_data is disabled here: the client sends it all the same).
            hs.conn.skipEarlyData(hs.ticketPolicy != null && hs.ticketPolicy.earlyDataEnabled()
                    ? hs.ticketPolicy.maxEarlyData() : 16384);
        }
        if (clientShare == null) {
            if (retry != null) {
                throw TlsAlertException.illegalParameter("The second ClientHello has no key share for the group we asked for");
            }
            return helloRetryRequest(hs, ch, frame, suite, clientGroups);
        }
        String alpn = hs.callbacks.selectApplicationProtocol(alpnOffer(ch), hs.session);
        PskAcceptance psk = PskAcceptance.evaluate(hs, ch, frame, suite, alpn, retry != null); // before the transcript
        hs.transcript.startHash(suite.hash()); // then the ClientHello is hashed as it joins, never buffered
        hs.received(ch, frame);
        return new ServerFlight(hs, suite, clientSchemes, clientShare, alpn, retry != null).withPsk(psk).send(ch);
    }

    /**
     * The ClientHello as we heed it: without the extensions {@code jdk.tls.server.disableExtensions} names, as if
     * the client had not sent them (as SunJSSE ignores them). The transcript and PSK binders use the bytes
     * received.
     */
    private static ClientHello heeded(ServerHandshake hs, ClientHello ch) {
        Extensions heeded = hs.config.disabledExtensions().filter(ch.extensions());
        if (heeded == ch.extensions()) {
            return ch;
        }
        if (hs.observed()) {
            List<String> ignored = new ArrayList<>();
            for (Extension e : ch.extensions().list()) {
                if (!heeded.has(e.type())) {
                    ignored.add(ExtensionType.name(e.type()));
                }
            }
            hs.step("Ignoring the ClientHello's " + String.join(", ", ignored) + " (jdk.tls.server.disableExtensions)");
        }
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(),
                ch.cipherSuites(), ch.legacyCompressionMethods(), heeded);
    }

    /** RFC 8446 section 4.2.1: TLS 1.3 is negotiated only through supported_versions. */
    private static void checkVersion(ServerHandshake hs, ClientHello ch) {
        SupportedVersionsClientHello sv = ch.extensions().get(SupportedVersionsClientHello.class);
        if (sv == null || !sv.versions().contains(ProtocolVersion.TLS13.code())) {
            ProtocolVersion offered = ProtocolVersion.fromCode(ch.legacyVersion());
            throw TlsAlertException.fatal(AlertDescription.PROTOCOL_VERSION, "The client offers only "
                    + (offered != null ? offered.jsseName() : String.format("version 0x%04x", ch.legacyVersion()))
                    + " or older; this server supports TLSv1.3");
        }
        if (!hs.config.tls13Enabled()) {
            throw TlsAlertException.fatal(AlertDescription.PROTOCOL_VERSION,
                    "TLSv1.3 is not enabled on this server (enabled protocols, jdk.tls.disabledAlgorithms)");
        }
    }

    /** Server suite preference when useCipherSuitesOrder, else the client's. */
    private static CipherSuite chooseSuite(TlsConfig config, ClientHello ch) {
        if (config.useCipherSuitesOrder()) {
            for (CipherSuite s : config.cipherSuites()) {
                if (s.isTls13() && ch.cipherSuites().contains(s.code())) {
                    return s;
                }
            }
        } else {
            for (int code : ch.cipherSuites()) {
                CipherSuite s = CipherSuite.fromCode(code);
                if (s != null && s.isTls13() && config.cipherSuites().contains(s)) {
                    return s;
                }
            }
        }
        throw TlsAlertException.handshakeFailure("No TLS 1.3 cipher suite in common with the client");
    }

    private static List<SignatureScheme> signatureSchemes(ClientHello ch) {
        SignatureAlgorithmsExtension sa = ch.extensions().get(SignatureAlgorithmsExtension.class);
        if (sa == null) {
            throw TlsAlertException.fatal(AlertDescription.MISSING_EXTENSION,
                    "ClientHello has no signature_algorithms extension (RFC 8446 section 9.2)");
        }
        return SignatureSchemePolicy.fromCodes(sa.schemes());
    }

    private static List<Integer> supportedGroups(ClientHello ch) {
        SupportedGroupsExtension sg = ch.extensions().get(SupportedGroupsExtension.class);
        if (sg == null) {
            throw TlsAlertException.fatal(AlertDescription.MISSING_EXTENSION,
                    "ClientHello has no supported_groups extension (RFC 8446 section 9.2)");
        }
        return sg.groups();
    }

    /**
     * RFC 8446 section 4.2.8: shares must be for offered groups, one per group; we take the first share
     * (client order) of a group we support.
     */
    private static KeyShareEntry chooseShare(ServerHandshake hs, KeyShareClientHello shares, List<Integer> clientGroups) {
        Set<Integer> seen = new HashSet<>();
        KeyShareEntry chosen = null;
        for (KeyShareEntry e : shares.shares()) {
            if (!seen.add(e.group())) {
                throw TlsAlertException.illegalParameter(String.format("Two key shares for group 0x%04x", e.group()));
            }
            if (!clientGroups.contains(e.group())) {
                throw TlsAlertException.illegalParameter(String.format(
                        "Key share for group 0x%04x, which is not in supported_groups", e.group()));
            }
            NamedGroup g = NamedGroup.fromCode(e.group());
            if (chosen == null && g != null && hs.config.namedGroups().contains(g) && hs.crypto.supportsGroup(g)) {
                chosen = e;
            }
        }
        return chosen;
    }

    /** RFC 6066 section 3 / RFC 8446 section 4.2: the host name the client asked for. */
    private static void serverName(ServerHandshake hs, ClientHello ch) {
        ServerNameExtension sni = ch.extensions().get(ServerNameExtension.class);
        if (sni == null) {
            hs.session.setRequestedServerNames(List.of());
            return;
        }
        hs.session.setRequestedServerNames(sni.hostNames());
        for (String name : sni.hostNames()) {
            if (!hs.callbacks.acceptServerName(name)) {
                throw TlsAlertException.fatal(AlertDescription.UNRECOGNIZED_NAME, "Server name '" + name + "' not recognized");
            }
        }
    }

    private static List<String> alpnOffer(ClientHello ch) {
        dev.customtls.core.extension.AlpnExtension alpn = ch.extensions().get(dev.customtls.core.extension.AlpnExtension.class);
        return alpn == null ? List.of() : alpn.protocols();
    }

    /** RFC 8446 section 4.1.2: the second ClientHello may change only what the HelloRetryRequest asked. */
    private void checkRetry(ClientHello ch, CipherSuite suite) {
        if (suite != retry.suite() || !ch.cipherSuites().equals(retry.firstCipherSuites())) {
            throw TlsAlertException.illegalParameter("The second ClientHello changed its cipher suites");
        }
        CookieExtension cookie = ch.extensions().get(CookieExtension.class);
        if (retry.cookie() != null && (cookie == null || !MessageDigest.isEqual(cookie.cookie(), retry.cookie()))) {
            throw TlsAlertException.illegalParameter("The second ClientHello does not echo the HelloRetryRequest cookie");
        }
        KeyShareClientHello shares = ch.extensions().get(KeyShareClientHello.class);
        if (shares == null || shares.shares().size() != 1 || shares.shares().get(0).group() != retry.group().code()) {
            throw TlsAlertException.illegalParameter("The second ClientHello must carry exactly one key share, for "
                    + retry.group().rfcName());
        }
    }

    /** RFC 8446 section 4.1.4: ask for a share of a group we support. */
    private ServerState helloRetryRequest(ServerHandshake hs, ClientHello ch, HandshakeFrame frame, CipherSuite suite,
                                          List<Integer> clientGroups) {
        NamedGroup group = null;
        for (NamedGroup g : hs.config.namedGroups()) {
            if (clientGroups.contains(g.code()) && hs.crypto.supportsGroup(g)) {
                group = g;
                break;
            }
        }
        if (group == null) {
            throw TlsAlertException.handshakeFailure("No key exchange group in common with the client");
        }
        hs.received(ch, frame);
        hs.conn.helloRetryRequestExchanged();
        hs.transcript.startHash(suite.hash());
        hs.transcript.replaceWithMessageHash();
        // The cookie (RFC 8446 section 4.2.2) binds the second ClientHello to this request, unless disabled.
        byte[] cookie = hs.config.disabledExtensions().contains(ExtensionType.COOKIE) ? null : hs.randomBytes(32);
        List<Extension> ext = new ArrayList<>(List.of(
                new SupportedVersionsServerHello(ProtocolVersion.TLS13.code()),
                new KeyShareHelloRetryRequest(group.code())));
        if (cookie != null) {
            ext.add(new CookieExtension(cookie));
        }
        hs.send(ServerHello.helloRetryRequest(ch.legacySessionId(), suite.code(), Extensions.of(ext)));
        if (ch.legacySessionId().length > 0) {
            hs.conn.queueChangeCipherSpec();
        }
        if (hs.observed()) {
            hs.step("HelloRetryRequest sent: asking the client for a " + group.rfcName() + " key share");
        }
        return new ExpectClientHello(new Retry(suite, group, cookie, List.copyOf(ch.cipherSuites())));
    }

    static KeyShareServerHello serverShare(dev.customtls.core.crypto.ServerKeyShare ks) {
        return new KeyShareServerHello(new KeyShareEntry(ks.group().code(), ks.publicKey()));
    }
}
