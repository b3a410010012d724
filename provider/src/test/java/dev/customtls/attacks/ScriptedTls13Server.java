package dev.customtls.attacks;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.handshake.CertificateVerifyContent;
import dev.customtls.core.keyschedule.EarlySecret;
import dev.customtls.core.keyschedule.HandshakeSecret;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.keyschedule.TrafficKeys;
import dev.customtls.core.keyschedule.TrafficSecrets;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CertificateVerify;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.EncryptedExtensions;
import dev.customtls.core.message.Finished;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.KeyUpdate;
import dev.customtls.core.extension.KeyShareHelloRetryRequest;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.crypto.Aead;
import dev.customtls.crypto.DefaultTlsCrypto;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hostile TLS 1.3 server with a script instead of a state machine: it answers a genuine ClientHello
 * with a correct ServerHello (X25519, TLS_AES_128_GCM_SHA256) and the real handshake keys, and then sends
 * whatever messages, in whatever order, the test asks for, each protected and added to the transcript as
 * a real server would (so a Finished it sends carries valid verify_data over what was actually sent). The
 * only reason for the victim to refuse a skipped or reordered message is then its own state machine, which
 * is what SKIP-TLS (Beurdouche et al., "A Messy State of the Union", IEEE S&amp;P 2015) tests.
 */
public final class ScriptedTls13Server {
    private static final int SUITE = 0x1301;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;

    private final TlsCrypto crypto = DefaultTlsCrypto.instance();
    private final Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private final ClientHello clientHello;
    private final byte[] sharedSecret;
    private final byte[] serverPublic;
    private byte[] serverHandshakeSecret;
    private Aead writeAead;
    private byte[] writeIv;
    private long writeSequence;
    private byte[] applicationSecret;

    /** @param clientHelloRecord the client's first flight: one handshake record carrying its ClientHello */
    public ScriptedTls13Server(byte[] clientHelloRecord) {
        byte[] message = AttackPeers.firstFragment(clientHelloRecord);
        transcript.writeBytes(message);
        clientHello = ClientHello.decode(new TlsReader(Arrays.copyOfRange(message, 4, message.length)));
        KeyShareClientHello shares = clientHello.extensions().get(KeyShareClientHello.class);
        KeyShareEntry x25519 = shares.shares().stream().filter(s -> s.group() == NamedGroup.X25519.code())
                .findFirst().orElseThrow();
        KeyShare ours = crypto.generateKeyShare(NamedGroup.X25519);
        serverPublic = ours.publicKey();
        sharedSecret = ours.agree(x25519.keyExchange());
    }

    /**
     * A HelloRetryRequest record asking for {@code group} (RFC 8446 section 4.1.4); the transcript restarts
     * with message_hash. The client's second ClientHello must then be given to {@link #secondClientHello}.
     */
    public byte[] helloRetryRequest(NamedGroup group) {
        ServerHello hrr = ServerHello.helloRetryRequest(clientHello.legacySessionId(), SUITE,
                Extensions.of(new SupportedVersionsServerHello(0x0304), new KeyShareHelloRetryRequest(group.code())));
        byte[] chHash = hash();
        transcript.reset();
        transcript.writeBytes(new byte[] {(byte) 254, 0, 0, (byte) chHash.length});
        transcript.writeBytes(chHash);
        byte[] raw = hrr.encode();
        transcript.writeBytes(raw);
        return AttackPeers.record(HANDSHAKE, 0x0303, raw);
    }

    /** The plaintext ServerHello record; installs the handshake keys for what follows. */
    public byte[] serverHello() {
        byte[] random = new byte[32];
        crypto.secureRandom().nextBytes(random);
        ServerHello sh = new ServerHello(0x0303, random, clientHello.legacySessionId(), SUITE, 0,
                Extensions.of(new SupportedVersionsServerHello(0x0304),
                        new KeyShareServerHello(new KeyShareEntry(NamedGroup.X25519.code(), serverPublic))));
        byte[] raw = sh.encode();
        transcript.writeBytes(raw);
        HandshakeSecret hs = EarlySecret.derive(hkdf, null).handshakeSecret(sharedSecret);
        serverHandshakeSecret = hs.serverHandshakeTrafficSecret(hash());
        installWriter(serverHandshakeSecret);
        return AttackPeers.record(HANDSHAKE, 0x0303, raw);
    }

    public byte[] encryptedExtensions() {
        return send(new EncryptedExtensions(Extensions.EMPTY));
    }

    /** A CertificateRequest (RFC 8446 section 4.3.2) with an empty context and these extensions. */
    public byte[] certificateRequest(Extensions extensions) {
        return send(new dev.customtls.core.message.CertificateRequest(new byte[0], extensions));
    }

    public byte[] certificate() throws Exception {
        List<CertificateEntry> entries = new ArrayList<>();
        for (X509Certificate c : AttackPeers.SERVER.chain()) {
            entries.add(CertificateEntry.of(c.getEncoded()));
        }
        return send(new CertificateMessage(new byte[0], entries));
    }

    /** A valid ECDSA P-256 signature over the transcript so far (RFC 8446 section 4.4.3). */
    public byte[] certificateVerify() {
        byte[] content = CertificateVerifyContent.of(true, hash());
        byte[] signature = crypto.sign(SignatureScheme.ECDSA_SECP256R1_SHA256,
                AttackPeers.SERVER.keyPair().getPrivate(), content);
        return send(new CertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256.code(), signature));
    }

    /** A Finished with correct verify_data over the transcript so far (RFC 8446 section 4.4.4). */
    public byte[] finished() {
        return send(new Finished(TrafficSecrets.verifyData(hkdf, serverHandshakeSecret, hash())));
    }

    /** The server's chain with {@code status_request} data (a CertificateStatus, RFC 8446 4.4.2.1) on its leaf. */
    public byte[] certificateWithStatus(byte[] statusRequestData) throws Exception {
        List<CertificateEntry> entries = new ArrayList<>();
        for (X509Certificate c : AttackPeers.SERVER.chain()) {
            entries.add(entries.isEmpty()
                    ? new CertificateEntry(c.getEncoded(), dev.customtls.core.extension.Extensions.of(
                            new dev.customtls.core.extension.StatusRequestExtension(statusRequestData)))
                    : CertificateEntry.of(c.getEncoded()));
        }
        return send(new CertificateMessage(new byte[0], entries));
    }

    /** The body of the Certificate message {@link #certificate()} sends (what RFC 8879 compresses). */
    public byte[] certificateBody() throws Exception {
        List<CertificateEntry> entries = new ArrayList<>();
        for (X509Certificate c : AttackPeers.SERVER.chain()) {
            entries.add(CertificateEntry.of(c.getEncoded()));
        }
        byte[] raw = new CertificateMessage(new byte[0], entries).encode();
        return Arrays.copyOfRange(raw, 4, raw.length);
    }

    /** A CompressedCertificate (RFC 8879 section 4) with these fields, as given. */
    public byte[] compressedCertificate(int algorithm, int uncompressedLength, byte[] compressed) {
        return send(new dev.customtls.core.message.CompressedCertificate(algorithm, uncompressedLength, compressed));
    }

    /** A chain of the given certificates (for the chain-length cap). */
    public byte[] certificate(List<X509Certificate> chain) throws Exception {
        List<CertificateEntry> entries = new ArrayList<>();
        for (X509Certificate c : chain) {
            entries.add(CertificateEntry.of(c.getEncoded()));
        }
        return send(new CertificateMessage(new byte[0], entries));
    }

    /**
     * Switches to the server application traffic key (RFC 8446 section 7.1), derived from the transcript
     * through the server Finished: call right after {@link #finished()}.
     */
    public void applicationTraffic() {
        HandshakeSecret hs = EarlySecret.derive(hkdf, null).handshakeSecret(sharedSecret);
        applicationSecret = hs.masterSecret().serverApplicationTrafficSecret(hash());
        installWriter(applicationSecret);
    }

    /** A KeyUpdate under the current application key; what follows uses the next one (RFC 8446 section 4.6.3). */
    public byte[] keyUpdate(boolean requestPeer) {
        byte[] r = protectedRecord(HANDSHAKE, new KeyUpdate(requestPeer).encode());
        applicationSecret = TrafficSecrets.next(hkdf, applicationSecret);
        installWriter(applicationSecret);
        return r;
    }

    private void installWriter(byte[] secret) {
        TrafficKeys keys = TrafficSecrets.keys(hkdf, secret, AeadAlgorithm.AES_128_GCM);
        writeAead = crypto.aead(AeadAlgorithm.AES_128_GCM, keys.key());
        writeIv = keys.iv();
        writeSequence = 0;
    }

    /**
     * Any content type, even one a real encrypter refuses (a protected change_cipher_spec), sealed under the
     * server's current key with the next sequence number (RFC 8446 section 5.2).
     */
    public byte[] protectedRecord(int innerType, byte[] content) {
        byte[] inner = Arrays.copyOf(content, content.length + 1);
        inner[content.length] = (byte) innerType;
        byte[] out = new byte[5 + inner.length + 16];
        byte[] header = AttackPeers.record(APPLICATION_DATA, 0x0303, new byte[inner.length + 16]);
        System.arraycopy(header, 0, out, 0, 5);
        byte[] nonce = writeIv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (writeSequence >>> (8 * i));
        }
        writeSequence++;
        writeAead.seal(nonce, Arrays.copyOf(out, 5), 5, inner, 0, inner.length, out, 5);
        return out;
    }

    private byte[] send(HandshakeMessage m) {
        return rawHandshake(m.encode());
    }

    /** Any bytes as handshake content: added to the transcript as they are, and protected. */
    public byte[] rawHandshake(byte[] raw) {
        transcript.writeBytes(raw);
        return protectedRecord(HANDSHAKE, raw);
    }

    private byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(transcript.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int applicationDataType() {
        return APPLICATION_DATA;
    }
}
