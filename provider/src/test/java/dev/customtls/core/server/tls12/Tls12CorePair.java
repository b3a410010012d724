package dev.customtls.core.server.tls12;

import dev.customtls.core.client.ClientHandshake;
import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.Credential;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.server.ServerHandshake;
import dev.customtls.core.session.TlsSession;
import dev.customtls.crypto.DefaultTlsCrypto;
import dev.customtls.pki.TestPki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.security.auth.x500.X500Principal;

/**
 * Two sans-IO connections (Custom client and server) wired in memory, record by record, with filters that
 * may rewrite, drop or inject records in either direction: the harness for TLS 1.2 state-machine tests.
 */
final class Tls12CorePair {
    static final TestPki PKI = TestPki.create("TLS 1.2 core CA");
    static final TlsCrypto CRYPTO = DefaultTlsCrypto.instance();
    static final List<SignatureScheme> SCHEMES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PKCS1_SHA256);

    final TestPki.Credential serverCredential;
    final TlsConnection client;
    final TlsConnection server;
    final List<String> clientSteps = new ArrayList<>();
    UnaryOperator<byte[]> clientToServer = r -> r;
    UnaryOperator<byte[]> serverToClient = r -> r;

    Tls12CorePair(TestPki.KeyType keyType, CipherSuite suite, List<ProtocolVersion> clientVersions,
                  List<ProtocolVersion> serverVersions) {
        serverCredential = PKI.issue(keyType, "localhost");
        client = connection(true, suite, clientVersions);
        server = connection(false, suite, serverVersions);
        client.setDriver(new ClientHandshake(client, callbacks()));
        server.setDriver(new ServerHandshake(server, callbacks()));
        client.setListener(new HandshakeListener() {
            @Override
            public void step(String description) {
                clientSteps.add(description);
            }
        });
    }

    static Tls12CorePair tls12(TestPki.KeyType keyType, CipherSuite suite) {
        return new Tls12CorePair(keyType, suite, List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12),
                List.of(ProtocolVersion.TLS12));
    }

    private static TlsConnection connection(boolean client, CipherSuite suite, List<ProtocolVersion> versions) {
        List<CipherSuite> suites = new ArrayList<>(List.of(CipherSuite.TLS_AES_128_GCM_SHA256));
        suites.add(suite);
        TlsConfig config = new TlsConfig(client, versions, suites, List.of(NamedGroup.X25519, NamedGroup.SECP256R1),
                List.of(NamedGroup.X25519), SCHEMES, SCHEMES, client ? List.of("localhost") : List.of(), List.of(),
                TlsConfig.ClientAuth.NONE, true, TlsConfig.Limits.DEFAULT, false, false, TlsConfig.ExtendedMasterSecret.OFFERED,
                dev.customtls.core.extension.DisabledExtensions.NONE,
                dev.customtls.core.handshake.CertificateCompression.NONE, true);
        return new TlsConnection(config, CRYPTO, new TlsSession(client ? "localhost" : null, 443));
    }

    private ConnectionCallbacks callbacks() {
        return new ConnectionCallbacks() {
            @Override
            public Credential chooseServerCredential(List<SignatureScheme> schemes, TlsSession session) {
                return new Credential(serverCredential.chain(), serverCredential.keyPair().getPrivate());
            }

            @Override
            public Credential chooseClientCredential(List<SignatureScheme> schemes, List<X500Principal> issuers,
                                                     TlsSession session) {
                return null;
            }

            @Override
            public void checkServerTrusted(List<X509Certificate> chain, String authType, TlsSession session) {
            }

            @Override
            public void checkClientTrusted(List<X509Certificate> chain, String authType, TlsSession session) {
            }

            @Override
            public String selectApplicationProtocol(List<String> offered, TlsSession session) {
                return null;
            }

            @Override
            public boolean acceptServerName(String hostName) {
                return true;
            }
        };
    }

    /** Moves records both ways until neither side has anything to send or do. Exceptions propagate. */
    void run() {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 100; i++) {
            boolean progress = deliver(client, server, clientToServer) | deliver(server, client, serverToClient);
            if (!progress) {
                return;
            }
        }
        throw new IllegalStateException("no end");
    }

    private static boolean deliver(TlsConnection from, TlsConnection to, UnaryOperator<byte[]> filter) {
        boolean progress = false;
        if (from.hasDelegatedWork()) {
            from.runDelegatedWork();
            progress = true;
        }
        byte[] buf = new byte[1 << 18];
        while (from.hasOutbound()) {
            int n = from.drainOutbound(buf, 0, buf.length);
            int pos = 0;
            while (pos < n) {
                int len = 5 + (((buf[pos + 3] & 0xff) << 8) | (buf[pos + 4] & 0xff));
                byte[] whole = Arrays.copyOfRange(buf, pos, pos + len);
                pos += len;
                for (byte[] piece : oneMessagePerRecord(whole)) {
                    byte[] record = filter.apply(piece);
                    if (record != null && !to.isInboundDone()) {
                        to.readRecord(record, 0, record.length, new byte[record.length], 0);
                        while (to.hasDelegatedWork()) {
                            to.runDelegatedWork();
                        }
                    }
                }
            }
            progress = true;
        }
        return progress;
    }

    /**
     * Splits a plaintext handshake record that carries several messages (flights are coalesced) into one
     * record per message, so filters see each message alone; anything else (protected records included,
     * which do not parse as a message sequence) is returned whole.
     */
    static java.util.List<byte[]> oneMessagePerRecord(byte[] record) {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        if (record[0] != 22) {
            return java.util.List.of(record);
        }
        int p = 5;
        while (p + 4 <= record.length) {
            int len = ((record[p + 1] & 0xff) << 16) | ((record[p + 2] & 0xff) << 8) | (record[p + 3] & 0xff);
            if (p + 4 + len > record.length) {
                return java.util.List.of(record);
            }
            byte[] r = new byte[5 + 4 + len];
            System.arraycopy(record, 0, r, 0, 3);
            r[3] = (byte) ((4 + len) >> 8);
            r[4] = (byte) (4 + len);
            System.arraycopy(record, p, r, 5, 4 + len);
            out.add(r);
            p += 4 + len;
        }
        return p == record.length && out.size() > 1 ? out : java.util.List.of(record);
    }

    /** The handshake type of a plaintext handshake record, or -1. */
    static int handshakeType(byte[] record) {
        return record[0] == 22 && record.length > 5 ? record[5] & 0xff : -1;
    }
}
