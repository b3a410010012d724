package dev.customtls.core.client;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.CookieExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.KeyShareHelloRetryRequest;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.keyschedule.EarlySecret;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.message.ServerHello;

import java.util.Arrays;
import java.util.Set;

/**
 * Waiting for ServerHello or HelloRetryRequest (RFC 8446 sections 4.1.3 and 4.1.4).
 *
 * @param retried whether a HelloRetryRequest was already received (a second one is refused)
 */
record ExpectServerHello(boolean retried) implements ClientState {

    private static final byte[] DOWNGRADE_TLS12 = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};
    private static final byte[] DOWNGRADE_TLS11 = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00};
    private static final Set<Integer> SERVER_HELLO_EXTENSIONS = Set.of(ExtensionType.KEY_SHARE,
            ExtensionType.SUPPORTED_VERSIONS);
    /** With a PSK offered, the ServerHello may also carry pre_shared_key (RFC 8446 section 4.2.11). */
    private static final Set<Integer> SERVER_HELLO_PSK_EXTENSIONS = Set.of(ExtensionType.KEY_SHARE,
            ExtensionType.SUPPORTED_VERSIONS, ExtensionType.PRE_SHARED_KEY);
    private static final Set<Integer> HRR_EXTENSIONS = Set.of(ExtensionType.KEY_SHARE, ExtensionType.COOKIE,
            ExtensionType.SUPPORTED_VERSIONS);

    @Override
    public ClientState handle(ClientHandshake hs, HandshakeFrame frame) {
        ServerHello sh = HandshakeSupport.expect(frame, HandshakeType.SERVER_HELLO, ServerHello.class, name());
        ProtocolVersion version = checkVersion(sh, hs.config.tls13Enabled());
        if (version == ProtocolVersion.TLS12 && !retried && hs.config.versions().contains(ProtocolVersion.TLS12)) {
            // TLS 1.2 hook: no supported_versions and 0x0303 selected: the TLS 1.2 states take over.
            hs.enterTls12(sh, frame);
            return this;
        }
        if (version != ProtocolVersion.TLS13) {
            throw TlsAlertException.fatal(AlertDescription.PROTOCOL_VERSION,
                    "The server selected " + version.jsseName() + " but only TLSv1.3 is enabled");
        }
        if (!Arrays.equals(sh.legacySessionIdEcho(), hs.legacySessionId)) {
            throw TlsAlertException.illegalParameter("ServerHello legacy_session_id_echo does not match the ClientHello");
        }
        CipherSuite suite = CipherSuite.fromCode(sh.cipherSuite());
        if (suite == null || !suite.isTls13() || !hs.clientHello.cipherSuites().contains(sh.cipherSuite())) {
            throw TlsAlertException.illegalParameter(String.format(
                    "The server selected cipher suite 0x%04x, which the client did not offer", sh.cipherSuite()));
        }
        if (sh.legacyCompressionMethod() != 0) {
            throw TlsAlertException.illegalParameter("ServerHello legacy_compression_method must be 0");
        }
        if (sh.isHelloRetryRequest()) {
            return helloRetryRequest(hs, sh, suite, frame);
        }
        boolean pskOffered = hs.pskOffer != null && hs.pskOffer.isOffered();
        checkOnlyOffered(sh, pskOffered ? SERVER_HELLO_PSK_EXTENSIONS : SERVER_HELLO_EXTENSIONS, "ServerHello");
        byte[] psk = pskOffered ? hs.pskOffer.selectedPsk(
                sh.extensions().get(dev.customtls.core.extension.PreSharedKeyServerHello.class), suite) : null;
        if (hs.suite != null && hs.suite != suite) {
            throw TlsAlertException.illegalParameter("ServerHello cipher suite differs from the HelloRetryRequest's");
        }
        KeyShareServerHello ks = sh.extensions().get(KeyShareServerHello.class);
        if (ks == null && psk != null && hs.pskOffer != null && pskKeOffered(hs)) {
            return pskOnly(hs, sh, suite, psk, frame);
        }
        if (ks == null) {
            throw TlsAlertException.fatal(AlertDescription.MISSING_EXTENSION, "ServerHello has no key_share");
        }
        NamedGroup group = NamedGroup.fromCode(ks.share().group());
        KeyShare ours = group == null ? null : hs.keyShares.get(group);
        if (ours == null) {
            throw TlsAlertException.illegalParameter(String.format(
                    "The server's key share is for group 0x%04x, for which the client sent no share", ks.share().group()));
        }
        byte[] shared = ours.agree(ks.share().keyExchange());
        hs.suite = suite;
        // The ClientHello (buffered until now) is hashed first, then the ServerHello joins without a copy.
        hs.transcript.startHash(suite.hash());
        hs.received(sh, frame);
        hs.hkdf = new Hkdf(hs.crypto, suite.hash());
        hs.handshakeSecret = EarlySecret.derive(hs.hkdf, psk).handshakeSecret(shared);
        Arrays.fill(shared, (byte) 0);
        byte[] hash = hs.transcript.current();
        hs.clientHandshakeSecret = hs.handshakeSecret.clientHandshakeTrafficSecret(hash);
        hs.serverHandshakeSecret = hs.handshakeSecret.serverHandshakeTrafficSecret(hash);
        hs.conn.setReadKeys(suite, hs.hkdf, hs.serverHandshakeSecret, false);
        hs.conn.setWriteKeys(suite, hs.hkdf, hs.clientHandshakeSecret, false);
        hs.session.setProtocol(ProtocolVersion.TLS13);
        hs.session.setCipherSuite(suite);
        hs.session.setNamedGroup(group);
        hs.session.setId(hs.randomBytes(32));
        if (psk != null) {
            hs.resumed = true;
            hs.pskOffer.resumeSession(hs);
        }
        if (hs.observed()) {
            hs.step("ServerHello: TLSv1.3, " + suite.jsseName() + ", key exchange " + group.rfcName()
                    + (psk != null ? " with the resumption PSK" : "") + "; handshake traffic keys installed");
        }
        hs.keyShares.clear();
        return new ExpectEncryptedExtensions();
    }

    private static boolean pskKeOffered(ClientHandshake hs) {
        dev.customtls.core.extension.PskKeyExchangeModesExtension modes =
                hs.clientHello.extensions().get(dev.customtls.core.extension.PskKeyExchangeModesExtension.class);
        return modes != null && modes.modes().contains(dev.customtls.core.extension.PskKeyExchangeModesExtension.PSK_KE);
    }

    /** RFC 8446 section 4.2.9: psk_ke, the PSK alone (no key_share), only when the client offered it. */
    private static ClientState pskOnly(ClientHandshake hs, ServerHello sh, CipherSuite suite, byte[] psk,
                                       HandshakeFrame frame) {
        if (hs.suite != null && hs.suite != suite) {
            throw TlsAlertException.illegalParameter("ServerHello cipher suite differs from the HelloRetryRequest's");
        }
        hs.suite = suite;
        hs.transcript.startHash(suite.hash());
        hs.received(sh, frame);
        hs.hkdf = new Hkdf(hs.crypto, suite.hash());
        hs.handshakeSecret = EarlySecret.derive(hs.hkdf, psk).handshakeSecret(null);
        byte[] hash = hs.transcript.current();
        hs.clientHandshakeSecret = hs.handshakeSecret.clientHandshakeTrafficSecret(hash);
        hs.serverHandshakeSecret = hs.handshakeSecret.serverHandshakeTrafficSecret(hash);
        hs.conn.setReadKeys(suite, hs.hkdf, hs.serverHandshakeSecret, false);
        hs.conn.setWriteKeys(suite, hs.hkdf, hs.clientHandshakeSecret, false);
        hs.session.setProtocol(ProtocolVersion.TLS13);
        hs.session.setCipherSuite(suite);
        hs.resumed = true;
        hs.pskOffer.resumeSession(hs);
        if (hs.observed()) {
            hs.step("ServerHello: TLSv1.3, " + suite.jsseName()
                    + ", psk_ke (no key exchange); handshake keys installed");
        }
        hs.keyShares.clear();
        return new ExpectEncryptedExtensions();
    }

    /** RFC 8446 section 4.2.1 and 4.1.3: the negotiated version and the downgrade sentinel. */
    private static ProtocolVersion checkVersion(ServerHello sh, boolean offeredTls13) {
        SupportedVersionsServerHello sv = sh.extensions().get(SupportedVersionsServerHello.class);
        if (sv == null) {
            byte[] tail = Arrays.copyOfRange(sh.random(), 24, 32);
            // A client that did not offer TLS 1.3 accepts DOWNGRD\x01 (it asked for TLS 1.2 itself).
            if ((offeredTls13 && Arrays.equals(tail, DOWNGRADE_TLS12)) || Arrays.equals(tail, DOWNGRADE_TLS11)) {
                throw TlsAlertException.illegalParameter("ServerHello carries the TLS 1.3 downgrade sentinel: "
                        + "the connection is being downgraded (RFC 8446 section 4.1.3)");
            }
            ProtocolVersion legacy = ProtocolVersion.fromCode(sh.legacyVersion());
            if (legacy == null) {
                throw TlsAlertException.fatal(AlertDescription.PROTOCOL_VERSION,
                        String.format("The server selected unknown version 0x%04x", sh.legacyVersion()));
            }
            return legacy;
        }
        if (sv.selectedVersion() != ProtocolVersion.TLS13.code() || !offeredTls13) {
            throw TlsAlertException.illegalParameter(String.format(
                    "supported_versions selected 0x%04x, which the client did not offer", sv.selectedVersion()));
        }
        if (sh.legacyVersion() != ProtocolVersion.TLS12.code()) {
            throw TlsAlertException.illegalParameter("TLS 1.3 ServerHello legacy_version must be 0x0303");
        }
        return ProtocolVersion.TLS13;
    }

    /** RFC 8446 section 4.2: the server may only send extensions the client offered. */
    private static void checkOnlyOffered(ServerHello sh, Set<Integer> allowed, String what) {
        for (Extension e : sh.extensions().list()) {
            if (!allowed.contains(e.type())) {
                throw TlsAlertException.fatal(AlertDescription.UNSUPPORTED_EXTENSION,
                        what + " contains extension " + ExtensionType.name(e.type()) + " that the client did not offer");
            }
        }
    }

    /** RFC 8446 section 4.1.4: answer a HelloRetryRequest with a second ClientHello. */
    private ClientState helloRetryRequest(ClientHandshake hs, ServerHello hrr, CipherSuite suite, HandshakeFrame frame) {
        if (retried) {
            throw TlsAlertException.unexpectedMessage("Received a second HelloRetryRequest");
        }
        checkOnlyOffered(hrr, HRR_EXTENSIONS, "HelloRetryRequest");
        KeyShareHelloRetryRequest ks = hrr.extensions().get(KeyShareHelloRetryRequest.class);
        CookieExtension cookie = hrr.extensions().get(CookieExtension.class);
        NamedGroup group = null;
        if (ks != null) {
            group = NamedGroup.fromCode(ks.selectedGroup());
            if (group == null || !hs.config.namedGroups().contains(group) || !hs.crypto.supportsGroup(group)) {
                throw TlsAlertException.illegalParameter(String.format(
                        "HelloRetryRequest selected group 0x%04x, which the client did not offer", ks.selectedGroup()));
            }
            if (hs.keyShares.containsKey(group)) {
                throw TlsAlertException.illegalParameter("HelloRetryRequest asked for a group the client already sent a share for");
            }
        }
        if (ks == null && cookie == null) {
            throw TlsAlertException.illegalParameter("HelloRetryRequest would not change the ClientHello");
        }
        hs.suite = suite;
        hs.conn.helloRetryRequestExchanged();
        hs.transcript.startHash(suite.hash());
        hs.transcript.replaceWithMessageHash();
        hs.received(hrr, frame);
        if (group != null) {
            hs.keyShares.clear();
            hs.keyShares.put(group, hs.crypto.generateKeyShare(group));
        }
        if (hs.observed()) {
            hs.step("HelloRetryRequest: the server asks for "
                    + (group != null ? "a key share for " + group.rfcName() : "a cookie"));
        }
        // Middlebox compatibility (RFC 8446 appendix D.4): a change_cipher_spec before the second ClientHello.
        if (!hs.changeCipherSpecSent && hs.middleboxCompatible()) { // sent after the first ClientHello with early data
            hs.conn.queueChangeCipherSpec();
            hs.changeCipherSpecSent = true;
        }
        if (hs.pskOffer != null) {
            hs.pskOffer.helloRetryRequested(hs);
        }
        hs.clientHello = hs.withPsk(hs.buildClientHello(cookie != null ? cookie.cookie() : null), true);
        hs.send(hs.clientHello);
        return new ExpectServerHello(true);
    }
}
