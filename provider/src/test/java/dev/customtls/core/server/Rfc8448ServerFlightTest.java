package dev.customtls.core.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.Credential;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.session.TlsSession;
import dev.customtls.crypto.DefaultTlsCrypto;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 section 3 ("Simple 1-RTT Handshake") replayed against our server, sans IO: the RFC's
 * ClientHello record in, exactly the RFC's two server records out (ServerHello, then the single protected
 * record carrying EncryptedExtensions, Certificate, CertificateVerify and Finished), the RFC's client
 * Finished record in, and the resumption master secret and application traffic keys of the RFC.
 *
 * <p>The RFC's randomness is injected through {@link TlsCrypto}: the server random is the first draw from
 * {@code secureRandom()}, the X25519 share is built from the RFC's private key, and, RSA-PSS being
 * randomised, {@code sign} checks that what it is asked to sign verifies under the RFC's public key with
 * the RFC's signature and then returns that signature.
 */
class Rfc8448ServerFlightTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static final byte[] CLIENT_HELLO_RECORD = hex("""
            16 03 01 00 c4
            01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d
            ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13
            03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72
            ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01
            01 01 02 01 03 01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99
            38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae
            4d 54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e
            04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01
            04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01""");

    static final byte[] SERVER_HELLO_RECORD = hex("""
            16 03 03 00 5a
            02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95
            93 0c 8a c5 cb 14 34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e
            00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6
            72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02
            03 04""");

    /** {server} send handshake record: EncryptedExtensions..Finished under the handshake keys (679 octets). */
    static final byte[] SERVER_HANDSHAKE_RECORD = hex("""
            17 03 03 02 a2 d1 ff 33 4a 56 f5 bf f6 59 4a 07 cc 87 b5 80 23 3f 50 0f 45 e4 89 e7 f3 3a
            f3 5e df 78 69 fc f4 0a a4 0a a2 b8 ea 73 f8 48 a7 ca 07 61 2e f9 f9 45 cb 96 0b 40 68 90
            51 23 ea 78 b1 11 b4 29 ba 91 91 cd 05 d2 a3 89 28 0f 52 61 34 aa dc 7f c7 8c 4b 72 9d f8
            28 b5 ec f7 b1 3b d9 ae fb 0e 57 f2 71 58 5b 8e a9 bb 35 5c 7c 79 02 07 16 cf b9 b1 18 3e
            f3 ab 20 e3 7d 57 a6 b9 d7 47 76 09 ae e6 e1 22 a4 cf 51 42 73 25 25 0c 7d 0e 50 92 89 44
            4c 9b 3a 64 8f 1d 71 03 5d 2e d6 5b 0e 3c dd 0c ba e8 bf 2d 0b 22 78 12 cb b3 60 98 72 55
            cc 74 41 10 c4 53 ba a4 fc d6 10 92 8d 80 98 10 e4 b7 ed 1a 8f d9 91 f0 6a a6 24 82 04 79
            7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6 86 94 5b a2 46 ab 66 e5 ed d8 04 4b 4c 6d e3 fc f2 a8
            94 41 ac 66 27 2f d8 fb 33 0e f8 19 05 79 b3 68 45 96 c9 60 bd 59 6e ea 52 0a 56 a8 d6 50
            f5 63 aa d2 74 09 96 0d ca 63 d3 e6 88 61 1e a5 e2 2f 44 15 cf 95 38 d5 1a 20 0c 27 03 42
            72 96 8a 26 4e d6 54 0c 84 83 8d 89 f7 2c 24 46 1a ad 6d 26 f5 9e ca ba 9a cb bb 31 7b 66
            d9 02 f4 f2 92 a3 6a c1 b6 39 c6 37 ce 34 31 17 b6 59 62 22 45 31 7b 49 ee da 0c 62 58 f1
            00 d7 d9 61 ff b1 38 64 7e 92 ea 33 0f ae ea 6d fa 31 c7 a8 4d c3 bd 7e 1b 7a 6c 71 78 af
            36 87 90 18 e3 f2 52 10 7f 24 3d 24 3d c7 33 9d 56 84 c8 b0 37 8b f3 02 44 da 8c 87 c8 43
            f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c f9 3b 16 49 9a 66 db 7c ca 71 e4 59 94 26 f7 d4 61 e6
            6f 99 88 2b d8 9f c5 08 00 be cc a6 2d 6c 74 11 6d bd 29 72 fd a1 fa 80 f8 5d f8 81 ed be
            5a 37 66 89 36 b3 35 58 3b 59 91 86 dc 5c 69 18 a3 96 fa 48 a1 81 d6 b6 fa 4f 9d 62 d5 13
            af bb 99 2f 2b 99 2f 67 f8 af e6 7f 76 91 3f a3 88 cb 56 30 c8 ca 01 e0 c6 5d 11 c6 6a 1e
            2a c4 c8 59 77 b7 c7 a6 99 9b bf 10 dc 35 ae 69 f5 51 56 14 63 6c 0b 9b 68 c1 9e d2 e3 1c
            0b 3b 66 76 30 38 eb ba 42 f3 b3 8e dc 03 99 f3 a9 f2 3f aa 63 97 8c 31 7f c9 fa 66 a7 3f
            60 f0 50 4d e9 3b 5b 84 5e 27 55 92 c1 23 35 ee 34 0b bc 4f dd d5 02 78 40 16 e4 b3 be 7e
            f0 4d da 49 f4 b4 40 a3 0c b5 d2 af 93 98 28 fd 4a e3 79 4e 44 f9 4d f5 a6 31 ed e4 2c 17
            19 bf da bf 02 53 fe 51 75 be 89 8e 75 0e dc 53 37 0d 2b""");

    static final byte[] CLIENT_FINISHED_RECORD = hex("""
            17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c 56 cc 77 b0 51 7f e9
            b9 3c 7a 4b fc 44 d8 7f 38 f8 03 38 ac 98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7
            26 c4 05 46""");

    static final byte[] CLIENT_APPLICATION_RECORD = hex("""
            17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55 cb ef ac ea 42 f9 14 aa
            66 bc ab 3f 2b 98 19 a8 a5 b4 6b 39 5b d5 4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62 92 a2
            97 70 14 bd 1e 3d ea e6 3a ee bb 21 69 49 15 e4""");

    static final byte[] SERVER_RANDOM = hex("a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928");
    static final byte[] SERVER_X25519_PRIVATE = hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e");
    static final byte[] RESUMPTION_MASTER_SECRET = hex("7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c");
    static final byte[] SERVER_APPLICATION_KEY = hex("9f02283b6c9c07efc26bb9f2ac92e356");
    static final byte[] SERVER_APPLICATION_IV = hex("cf782b88dd83549aadf1e984");
    static final byte[] CLIENT_HANDSHAKE_KEY = hex("dbfaa693d1762c5b666af5d950258d01");
    static final byte[] CLIENT_HANDSHAKE_IV = hex("5bd3c71b836e0b76bb73265f");

    /** The rsa_pss_rsae_sha256 signature of the RFC's CertificateVerify. */
    static final byte[] CERTIFICATE_VERIFY_SIGNATURE = hex("""
            5a 74 7c 5d 88 fa 9b d2 e5 5a b0 85 a6 10 15 b7 21 1f 82 4c d4 84 14 5a b3 ff 52 f1 fd a8
            47 7b 0b 7a bc 90 db 78 e2 d3 3a 5c 14 1a 07 86 53 fa 6b ef 78 0c 5e a2 48 ee aa a7 85 c4
            f3 94 ca b6 d3 0b be 8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac 02 76 71 45 9e 46 44 5c 9e a5
            8c 18 1e 81 8e 95 b8 c3 fb 0b f3 27 84 09 d3 be 15 2a 3d a5 04 3e 06 3d da 65 cd f5 ae a2
            0d 53 df ac d4 2f 74 f3""");

    /** The server's certificate (the "rsa" self-signed certificate of the RFC). */
    static final byte[] CERTIFICATE_DER = hex("""
            30 82 01 ac 30 82 01 15 a0 03 02 01 02 02 01 02 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00
            30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 1e 17 0d 31 36 30 37 33 30 30 31 32 33
            35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35 39 5a 30 0e 31 0c 30 0a 06 03 55 04 03 13
            03 72 73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 81 8d 00 30 81 89 02
            81 81 00 b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de 55 e1 bd b8 26 d3 90
            1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e aa 6a f9 8c 7c ed 43 12
            09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2 2a 5f da 43 08 46
            74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a 80 02 c4 74
            28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02 03 01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13 04 02 30
            00 30 0b 06 03 55 1d 0f 04 04 03 02 05 a0 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 03
            81 81 00 85 aa d2 a0 e5 b9 27 6b 90 8c 65 f7 3a 72 67 17 06 18 a5 4c 5f 8a 7b 33 7d 2d f7
            a5 94 36 54 17 f2 ea e8 f8 a5 8c 8f 81 72 f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a 03 01 51 56
            72 60 96 fd 33 5e 5e 67 f2 db f1 02 70 2e 60 8c ca e6 be c1 fc 63 a4 2a 99 be 5c 3e b7 10
            7c 3c 54 e9 b9 eb 2b d5 20 3b 1c 3b 84 e0 a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8
            f8 96 12 29 ac 91 87 b4 2b 4d e1""");

    /** The RFC's RSA private key (section 2 of the traces), as CRT parameters. */
    static PrivateKey rfcPrivateKey() throws Exception {
        BigInteger n = new BigInteger(1, hex("b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd"
                + "2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38"
                + "e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f"));
        BigInteger e = BigInteger.valueOf(65537);
        BigInteger d = new BigInteger(1, hex("04dea705d43a6ea7209dd8072111a83c81e322a59278b33480641eaf7c0a6985"
                + "b8e31c44f6de62e1b4c2309f6126e77b7c41e923314bbfa3881305dc1217f16c819ce538e922f369828d0e57195d8c84"
                + "88460207b2faa726bcf708bbd7db7f679f893492fc2a622e08970aac441ce4e0c3088df25ae679233df8a3bda2ff9941"));
        BigInteger p = new BigInteger(1, hex("e435fb7cc83737756dacea96ab7f59a2cc1069db7deb190e17e33a532b273f30"
                + "a327aa0aaabc58cd67466af9845fadc675fe094af92c4bd1f2c1bc33dd2e0515"));
        BigInteger q = new BigInteger(1, hex("cabd3bc0e0438664c8d4cc9f99977a94d9bbfead8e43870abae3f7eb8b4e0eee"
                + "8af1d9b4719ba6196cf2cbbaeeebf8b3490afe9e9ffa74a88aa51fc645629303"));
        BigInteger dp = new BigInteger(1, hex("3f57345c27fe1b687e6e761627b78b1b826433dd760fa0bea6a6acf39490aa1b"
                + "47cda4869d68f584dd5b5029bd32093b8258661fe715025e5d70a45a08d3d319"));
        BigInteger dq = new BigInteger(1, hex("183da01363bd2f2885cacbdc9964bf4764f1517636f86401286f71893c52ccfe"
                + "40a6c23d0d086b47c6fb10d8fd1041e04def7e9a40ce957c417794e10412d139"));
        BigInteger qi = new BigInteger(1, hex("839ca9a085e4286b2c90e466997a2c681f21339aa3477814e4dec11833050ed5"
                + "0dd13cc038048a43c59b2acc416889c037665fe5afa605969f8c01dfa5ca969d"));
        assertEquals(n, p.multiply(q));
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi));
    }

    static X509Certificate rfcCertificate() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERTIFICATE_DER));
    }

    /** A random source that replays fixed bytes first (the RFC's server random), then zeros. */
    static final class ReplayRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] script;
        private int pos;

        ReplayRandom(byte[] script) {
            this.script = script.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = pos < script.length ? script[pos++] : 0;
            }
        }
    }

    /** An X25519 share with a fixed private scalar (RFC 7748). */
    record FixedX25519Share(byte[] privateKey) implements KeyShare {
        @Override
        public NamedGroup group() {
            return NamedGroup.X25519;
        }

        @Override
        public byte[] publicKey() {
            byte[] pub = new byte[X25519.POINT_SIZE];
            X25519.generatePublicKey(privateKey, 0, pub, 0);
            return pub;
        }

        @Override
        public byte[] agree(byte[] peerPublicKey) {
            byte[] shared = new byte[X25519.POINT_SIZE];
            assertTrue(X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0));
            return shared;
        }
    }

    /** The default crypto with the RFC's random, X25519 key and (randomised) RSA-PSS signature. */
    static final class Rfc8448Crypto implements TlsCrypto {
        private final TlsCrypto delegate = DefaultTlsCrypto.instance();
        private final SecureRandom random = new ReplayRandom(SERVER_RANDOM);
        private final PublicKey rfcPublicKey;
        int signatures;

        Rfc8448Crypto(PublicKey rfcPublicKey) {
            this.rfcPublicKey = rfcPublicKey;
        }

        @Override
        public SecureRandom secureRandom() {
            return random;
        }

        @Override
        public boolean supportsGroup(NamedGroup group) {
            return delegate.supportsGroup(group);
        }

        @Override
        public KeyShare generateKeyShare(NamedGroup group) {
            assertEquals(NamedGroup.X25519, group);
            return new FixedX25519Share(SERVER_X25519_PRIVATE);
        }

        @Override
        public Aead aead(AeadAlgorithm algorithm, byte[] key) {
            return delegate.aead(algorithm, key);
        }

        @Override
        public MessageDigest digest(HashAlgorithm hash) {
            return delegate.digest(hash);
        }

        @Override
        public Mac hmac(HashAlgorithm hash, byte[] key) {
            return delegate.hmac(hash, key);
        }

        @Override
        public boolean supportsSignature(SignatureScheme scheme) {
            return delegate.supportsSignature(scheme);
        }

        /** The content to sign must be what the RFC's server signed: its signature verifies over it. */
        @Override
        public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) {
            assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, scheme);
            assertTrue(delegate.verify(scheme, rfcPublicKey, message, CERTIFICATE_VERIFY_SIGNATURE),
                    "the CertificateVerify content differs from the RFC's");
            signatures++;
            return CERTIFICATE_VERIFY_SIGNATURE.clone();
        }

        @Override
        public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
            return delegate.verify(scheme, key, message, signature);
        }

        @Override
        public byte[] rsaPremasterSecret(PrivateKey key, byte[] encrypted, int clientVersion) {
            throw new AssertionError("TLS 1.3 has no RSA key exchange");
        }
    }

    /** Serves the RFC's credential; accepts the name "server"; no ALPN. */
    record Rfc8448Callbacks(Credential credential) implements ConnectionCallbacks {
        @Override
        public Credential chooseServerCredential(List<SignatureScheme> schemes, TlsSession session) {
            return credential;
        }

        @Override
        public Credential chooseClientCredential(List<SignatureScheme> schemes, List<X500Principal> issuers,
                                                 TlsSession session) {
            throw new AssertionError("not a client");
        }

        @Override
        public void checkServerTrusted(List<X509Certificate> chain, String authType, TlsSession session) {
            throw new AssertionError("not a client");
        }

        @Override
        public void checkClientTrusted(List<X509Certificate> chain, String authType, TlsSession session) {
            throw new AssertionError("no client authentication");
        }

        @Override
        public String selectApplicationProtocol(List<String> offered, TlsSession session) {
            return null;
        }

        @Override
        public boolean acceptServerName(String hostName) {
            return hostName.equals("server");
        }
    }

    /** The RFC's server: its EncryptedExtensions lists these groups in this order. */
    static TlsConfig serverConfig() {
        List<SignatureScheme> schemes = List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.ECDSA_SECP256R1_SHA256);
        return new TlsConfig(false, List.of(ProtocolVersion.TLS13),
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384),
                List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1,
                        NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096, NamedGroup.FFDHE6144,
                        NamedGroup.FFDHE8192),
                List.of(), schemes, schemes, List.of(), List.of(), TlsConfig.ClientAuth.NONE, false,
                TlsConfig.Limits.DEFAULT, false, false, TlsConfig.ExtendedMasterSecret.OFFERED,
                dev.customtls.core.extension.DisabledExtensions.NONE,
                dev.customtls.core.handshake.CertificateCompression.NONE, true);
    }

    private static int feed(TlsConnection conn, byte[] record) {
        byte[] copy = record.clone();
        assertEquals(record.length, conn.recordLength(copy, 0, copy.length));
        return conn.readRecord(copy, 0, copy.length, new byte[copy.length], 0);
    }

    private static byte[] drain(TlsConnection conn) {
        byte[] out = new byte[1 << 16];
        int n = conn.drainOutbound(out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A server connection with its handshake state, as the RFC's server after the ClientHello. */
    record Server(TlsConnection conn, ServerHandshake hs, Rfc8448Crypto crypto) {
    }

    static Server rfcServer() throws Exception {
        X509Certificate certificate = rfcCertificate();
        PrivateKey privateKey = rfcPrivateKey();
        assertEquals(((RSAPublicKey) certificate.getPublicKey()).getModulus(),
                ((java.security.interfaces.RSAPrivateKey) privateKey).getModulus());
        Rfc8448Crypto crypto = new Rfc8448Crypto(certificate.getPublicKey());
        TlsConnection conn = new TlsConnection(serverConfig(), crypto, new TlsSession(null, -1));
        ServerHandshake hs = new ServerHandshake(conn, new Rfc8448Callbacks(new Credential(List.of(certificate), privateKey)));
        conn.setDriver(hs);
        conn.beginHandshake();
        assertEquals(TlsConnection.Status.NEED_UNWRAP, conn.status());
        return new Server(conn, hs, crypto);
    }

    @Test
    void serverFlightIsByteExactAndKeysMatch() throws Exception {
        Server server = rfcServer();
        TlsConnection conn = server.conn();
        ServerHandshake hs = server.hs();
        Rfc8448Crypto crypto = server.crypto();

        assertEquals(0, feed(conn, CLIENT_HELLO_RECORD));
        assertEquals(TlsConnection.Status.NEED_TASK, conn.status());
        conn.runDelegatedWork();
        assertEquals(TlsConnection.Status.NEED_WRAP, conn.status());
        assertEquals(1, crypto.signatures);

        byte[] flight = drain(conn);
        assertEquals(HexFormat.of().formatHex(concat(SERVER_HELLO_RECORD, SERVER_HANDSHAKE_RECORD)),
                HexFormat.of().formatHex(flight));
        assertEquals(TlsConnection.Status.NEED_UNWRAP, conn.status());
        assertTrue(!conn.isHandshakeComplete());

        assertEquals(0, feed(conn, CLIENT_FINISHED_RECORD));
        assertTrue(conn.isHandshakeComplete());
        assertTrue(conn.takeFinishedEvent());
        assertEquals(TlsConnection.Status.NOT_HANDSHAKING, conn.status());
        assertEquals(0, drain(conn).length, "a server that sends no ticket has nothing more to say");
        assertArrayEquals(RESUMPTION_MASTER_SECRET, hs.resumptionMasterSecret);

        // Client application traffic key: the RFC's client record opens to 00 01 .. 31.
        byte[] payload = new byte[50];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        byte[] inbound = CLIENT_APPLICATION_RECORD.clone();
        byte[] opened = new byte[inbound.length];
        int n = conn.readRecord(inbound, 0, inbound.length, opened, 0);
        assertArrayEquals(payload, Arrays.copyOfRange(opened, conn.lastAppDataOffset(), conn.lastAppDataOffset() + n));

        // Server application traffic key: our first record equals AES-128-GCM under the RFC's key and iv,
        // sequence number 0 (the RFC's own record is its second: it sent a NewSessionTicket first).
        byte[] sealed = new byte[conn.sealedLength(payload.length)];
        int len = conn.sealApplicationData(payload, 0, payload.length, sealed, 0);
        assertEquals(sealed.length, len);
        assertArrayEquals(protect(SERVER_APPLICATION_KEY, SERVER_APPLICATION_IV, 0, payload, 23), sealed);
    }

    /**
     * RFC 8446 section 4.4.4: a client Finished whose verify_data is wrong (here: the RFC's with one bit
     * flipped, properly protected under the RFC's client handshake key) is decrypt_error; the alert goes out
     * under the server's application key, the one the client reads with after our Finished.
     */
    @Test
    void wrongClientFinishedIsDecryptError() throws Exception {
        Server server = rfcServer();
        TlsConnection conn = server.conn();
        feed(conn, CLIENT_HELLO_RECORD);
        conn.runDelegatedWork();
        drain(conn);

        byte[] finished = hex("14000020 a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
        finished[10] ^= 0x01;
        byte[] record = protect(CLIENT_HANDSHAKE_KEY, CLIENT_HANDSHAKE_IV, 0, finished, 22);
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> feed(conn, record));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
        assertTrue(!e.isReceived());
        assertTrue(!conn.isHandshakeComplete());
        assertTrue(conn.isInboundDone());

        byte[] alert = drain(conn);
        assertArrayEquals(protect(SERVER_APPLICATION_KEY, SERVER_APPLICATION_IV, 0, new byte[] {2, 51}, 21), alert);
        assertTrue(conn.isOutboundDone());
        assertEquals(0, drain(conn).length);
    }

    /** RFC 8446 section 5.2 computed independently with the JCA: one AES-128-GCM record. */
    private static byte[] protect(byte[] key, byte[] iv, long sequence, byte[] content, int type) throws Exception {
        byte[] inner = Arrays.copyOf(content, content.length + 1);
        inner[content.length] = (byte) type;
        byte[] header = {23, 3, 3, (byte) ((inner.length + 16) >> 8), (byte) (inner.length + 16)};
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        return concat(header, gcm.doFinal(inner));
    }
}
