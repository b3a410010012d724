package dev.customtls.core.server.tls12;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.HelloRequest;
import dev.customtls.pki.TestPki;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** The TLS 1.2 state machines fed crafted or tampered messages; each check with its exact alert. */
class Tls12StateMachineTest {
    private static final CipherSuite ECDSA = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite RSA_KX = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

    @Test
    void completesAndExchangesData() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.run();
        assertTrue(p.client.isHandshakeComplete());
        assertTrue(p.server.isHandshakeComplete());
        assertEquals(ProtocolVersion.TLS12, p.client.session().protocol());
        assertEquals(ECDSA, p.server.session().cipherSuite());
    }

    @Test
    void badServerKeyExchangeSignatureIsDecryptError() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.serverToClient = r -> {
            if (Tls12CorePair.handshakeType(r) == HandshakeType.SERVER_KEY_EXCHANGE) {
                r[r.length - 10] ^= 1; // inside the DER signature
            }
            return r;
        };
        assertAlert(AlertDescription.DECRYPT_ERROR, p);
    }

    @Test
    void changeCipherSpecBeforeItIsExpectedIsUnexpectedMessage() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.serverToClient = r -> {
            if (Tls12CorePair.handshakeType(r) == HandshakeType.CERTIFICATE) {
                return new byte[] {20, 3, 3, 0, 1, 1}; // CCS instead of the Certificate
            }
            return r;
        };
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, p);
    }

    @Test
    void finishedWithoutChangeCipherSpecIsUnexpectedMessage() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        boolean[] ccsSeen = {false};
        p.clientToServer = r -> {
            if (r[0] == 20) {
                ccsSeen[0] = true;
                return null; // the client's CCS is dropped...
            }
            if (ccsSeen[0] && r[0] == 22) {
                // ...and a plaintext Finished arrives where the protected one would be.
                byte[] fin = new byte[5 + 4 + 12];
                fin[0] = 22;
                fin[1] = 3;
                fin[2] = 3;
                fin[4] = 16;
                fin[5] = HandshakeType.FINISHED;
                fin[8] = 12;
                return fin;
            }
            return r;
        };
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, p);
    }

    @Test
    void wrongFinishedIsDecryptError() {
        // Without EMS (stripped) the master secret does not cover the transcript, so a changed session id
        // in the ClientHello changes only what the Finished messages hash.
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.clientToServer = r -> Tls12CorePair.handshakeType(r) == HandshakeType.CLIENT_HELLO ? tamperClientHello(r) : r;
        assertAlert(AlertDescription.DECRYPT_ERROR, p);
    }

    @Test
    void serverRenegotiationRequestIsRefusedWithWarning() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.run();
        p.server.queueHandshake(new HelloRequest().encode());
        p.run();
        assertTrue(p.clientSteps.stream().anyMatch(s -> s.contains("no_renegotiation")), p.clientSteps.toString());
        assertNull(p.client.failure());
        assertNull(p.server.failure());
        assertTrue(p.client.canWriteApplicationData());
    }

    @Test
    void clientRenegotiationIsHandshakeFailure() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.run();
        ClientHello ch = new ClientHello(0x0303, new byte[32], new byte[0], List.of(ECDSA.code()), new byte[] {0},
                dev.customtls.core.extension.Extensions.EMPTY);
        p.client.queueHandshake(ch.encode());
        assertAlert(AlertDescription.HANDSHAKE_FAILURE, p);
    }

    @Test
    void tls12OnlyClientRefusedByTls13OnlyServer() {
        Tls12CorePair p = new Tls12CorePair(TestPki.KeyType.EC_P256, ECDSA, List.of(ProtocolVersion.TLS12),
                List.of(ProtocolVersion.TLS13));
        assertAlert(AlertDescription.PROTOCOL_VERSION, p);
    }

    @Test
    void tls12ServerSetsDowngradeSentinelAndTls13ClientAborts() {
        // Server enables TLS 1.3 and 1.2 but the (crafted) client offers only 1.2: the sentinel is set.
        Tls12CorePair p = new Tls12CorePair(TestPki.KeyType.EC_P256, ECDSA, List.of(ProtocolVersion.TLS12),
                List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12));
        byte[][] serverHello = new byte[1][];
        p.serverToClient = r -> {
            if (Tls12CorePair.handshakeType(r) == HandshakeType.SERVER_HELLO) {
                serverHello[0] = r.clone();
            }
            return r;
        };
        p.run();
        assertTrue(p.client.isHandshakeComplete(), "a TLS 1.2-only client accepts DOWNGRD\\x01");
        byte[] tail = Arrays.copyOfRange(serverHello[0], 5 + 4 + 2 + 24, 5 + 4 + 2 + 32);
        assertArrayEquals(new byte[] {'D', 'O', 'W', 'N', 'G', 'R', 'D', 1}, tail);

        // A client that offered TLS 1.3 aborts on the same ServerHello shape.
        Tls12CorePair q = new Tls12CorePair(TestPki.KeyType.EC_P256, ECDSA, List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12),
                List.of(ProtocolVersion.TLS12));
        q.serverToClient = r -> {
            if (Tls12CorePair.handshakeType(r) == HandshakeType.SERVER_HELLO) {
                System.arraycopy(new byte[] {'D', 'O', 'W', 'N', 'G', 'R', 'D', 1}, 0, r, 5 + 4 + 2 + 24, 8);
            }
            return r;
        };
        TlsAlertException e = assertThrows(TlsAlertException.class, q::run);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("downgrade"), e.getMessage());
    }

    @Test
    void serverHelloWithUnofferedSuiteIsIllegalParameter() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.serverToClient = r -> {
            if (Tls12CorePair.handshakeType(r) == HandshakeType.SERVER_HELLO) {
                int suiteAt = 5 + 4 + 2 + 32 + 1 + (r[5 + 4 + 2 + 32] & 0xff);
                r[suiteAt] = 0x00;
                r[suiteAt + 1] = (byte) 0x9c; // TLS_RSA_WITH_AES_128_GCM_SHA256, not offered
            }
            return r;
        };
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, p);
    }

    @Test
    void unrequestedServerHelloExtensionIsUnsupportedExtension() {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.EC_P256, ECDSA);
        p.serverToClient = r -> Tls12CorePair.handshakeType(r) == HandshakeType.SERVER_HELLO
                ? appendServerHelloExtension(r, ExtensionType.STATUS_REQUEST) : r;
        assertAlert(AlertDescription.UNSUPPORTED_EXTENSION, p);
    }

    /** RFC 5246 section 7.4.7.1: bad padding and a wrong version look the same from outside. */
    @Test
    void rsaPremasterBadPaddingLooksLikeWrongVersion() throws Exception {
        TlsAlertException badPadding = rsaFailure(false);
        TlsAlertException wrongVersion = rsaFailure(true);
        assertEquals(AlertDescription.BAD_RECORD_MAC, badPadding.alert());
        assertEquals(badPadding.alert(), wrongVersion.alert());
        assertEquals(badPadding.getClass(), wrongVersion.getClass());
        assertEquals(badPadding.getMessage(), wrongVersion.getMessage());
    }

    private TlsAlertException rsaFailure(boolean validPaddingWrongVersion) throws Exception {
        Tls12CorePair p = Tls12CorePair.tls12(TestPki.KeyType.RSA_2048, RSA_KX);
        RSAPublicKey key = (RSAPublicKey) p.serverCredential.certificate().getPublicKey();
        p.clientToServer = r -> {
            if (Tls12CorePair.handshakeType(r) != HandshakeType.CLIENT_KEY_EXCHANGE) {
                return r;
            }
            byte[] replacement;
            try {
                if (validPaddingWrongVersion) {
                    byte[] pms = new byte[48];
                    pms[0] = 3;
                    pms[1] = 1;
                    Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                    c.init(Cipher.ENCRYPT_MODE, key);
                    replacement = c.doFinal(pms);
                } else {
                    replacement = new byte[256];
                    Arrays.fill(replacement, (byte) 0x55);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            System.arraycopy(replacement, 0, r, 5 + 4 + 2, 256);
            return r;
        };
        return assertThrows(TlsAlertException.class, p::run);
    }

    private static void assertAlert(AlertDescription expected, Tls12CorePair p) {
        TlsAlertException e = assertThrows(TlsAlertException.class, p::run);
        assertEquals(expected, e.alert(), e.getMessage());
        assertFalse(e.isReceived(), "raised locally: " + e.getMessage());
    }

    /** Removes extended_master_secret from a ClientHello record and flips a session id byte. */
    private static byte[] tamperClientHello(byte[] r) {
        int pos = 5 + 4 + 2 + 32;
        int sidLen = r[pos] & 0xff;
        r[pos + 1] ^= 1;
        pos += 1 + sidLen;
        pos += 2 + (((r[pos] & 0xff) << 8) | (r[pos + 1] & 0xff));
        pos += 1 + (r[pos] & 0xff);
        int extLenAt = pos;
        int end = extLenAt + 2 + (((r[pos] & 0xff) << 8) | (r[pos + 1] & 0xff));
        int p = extLenAt + 2;
        while (p < end) {
            int type = ((r[p] & 0xff) << 8) | (r[p + 1] & 0xff);
            int len = ((r[p + 2] & 0xff) << 8) | (r[p + 3] & 0xff);
            if (type == ExtensionType.EXTENDED_MASTER_SECRET) {
                byte[] out = new byte[r.length - 4];
                System.arraycopy(r, 0, out, 0, p);
                System.arraycopy(r, p + 4, out, p, r.length - p - 4);
                adjust(out, 3, 2, -4);
                adjust(out, 6, 3, -4);
                adjust(out, extLenAt, 2, -4);
                return out;
            }
            p += 4 + len;
        }
        throw new IllegalStateException("no EMS");
    }

    /** Appends an empty extension of {@code type} to a TLS 1.2 ServerHello record. */
    private static byte[] appendServerHelloExtension(byte[] r, int type) {
        int pos = 5 + 4 + 2 + 32;
        pos += 1 + (r[pos] & 0xff) + 2 + 1;
        byte[] out = Arrays.copyOf(r, r.length + 4);
        out[r.length] = (byte) (type >> 8);
        out[r.length + 1] = (byte) type;
        adjust(out, 3, 2, 4);
        adjust(out, 6, 3, 4);
        adjust(out, pos, 2, 4);
        return out;
    }

    private static void adjust(byte[] b, int at, int width, int delta) {
        int v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        v += delta;
        for (int i = width - 1; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>= 8;
        }
    }

}
