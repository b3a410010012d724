package dev.customtls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.customtls.attacks.AttackPeers;
import dev.customtls.attacks.ScriptedTls13Server;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The client state machine beyond the ServerHello, where a fuzzer alone cannot go because it cannot forge
 * AEAD tags: a scripted server ({@link ScriptedTls13Server}) answers the client's genuine ClientHello
 * with a genuine ServerHello and real keys, then sends what the input dictates, protected with those keys
 * (and, after the switch op, with the application keys), so the client decrypts and processes every
 * fuzzed message.
 *
 * <p>Input: a sequence of operations. {@code 0} EncryptedExtensions, {@code 1} Certificate, {@code 2}
 * CertificateVerify, {@code 3} Finished (each genuine, over the transcript of what was sent); {@code 4}
 * switch to the application keys; {@code 5 len16 bytes} raw handshake content (headers included, added to
 * the transcript); {@code 6 type len16 bytes} a protected record of any inner type; {@code 7} a plaintext
 * change_cipher_spec; {@code 8} a KeyUpdate (keys follow it). Seeds: the genuine flight, then
 * post-handshake messages. Property: as {@link EngineFuzzTest}.
 */
class ProtectedFlightFuzzTest {
    private static final SSLContext CONTEXT = context();

    private static SSLContext context() {
        try {
            return AttackPeers.context("TLSv1.3");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void clientReceivesProtectedFlight(byte[] input) throws Exception {
        SSLEngine client = AttackPeers.client(CONTEXT);
        client.beginHandshake();
        ScriptedTls13Server server = new ScriptedTls13Server(AttackPeers.drain(client));
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.writeBytes(server.serverHello());
        boolean applicationKeys = false;
        int pos = 0;
        for (int ops = 0; ops < 64 && pos < input.length; ops++) {
            int op = (input[pos++] & 0xff) % 9;
            switch (op) {
                case 0 -> flight.writeBytes(server.encryptedExtensions());
                case 1 -> flight.writeBytes(server.certificate());
                case 2 -> flight.writeBytes(server.certificateVerify());
                case 3 -> flight.writeBytes(server.finished());
                case 4 -> {
                    if (!applicationKeys) {
                        server.applicationTraffic();
                        applicationKeys = true;
                    }
                }
                case 5 -> {
                    byte[] raw = take(input, pos, 2);
                    pos += 2 + Math.min(length(input, pos), Math.max(0, input.length - pos - 2));
                    flight.writeBytes(server.rawHandshake(raw));
                }
                case 6 -> {
                    int type = pos < input.length ? input[pos++] & 0xff : 22;
                    byte[] content = take(input, pos, 2);
                    pos += 2 + content.length;
                    if (content.length <= 16385) {
                        flight.writeBytes(server.protectedRecord(type, content));
                    }
                }
                case 7 -> flight.writeBytes(AttackPeers.record(20, 0x0303, new byte[] {1}));
                default -> {
                    if (applicationKeys) {
                        flight.writeBytes(server.keyUpdate(pos < input.length && (input[pos++] & 1) == 1));
                    }
                }
            }
        }
        SSLException thrown = HostileTransport.deliver(client, flight.toByteArray(), null);
        HostileTransport.assertCleanFailure(client, thrown);
    }

    private static int length(byte[] input, int pos) {
        if (pos + 2 > input.length) {
            return 0;
        }
        return ((input[pos] & 0xff) << 8) | (input[pos + 1] & 0xff);
    }

    /** The {@code len16}-prefixed bytes at {@code pos}, cut short at the end of the input. */
    private static byte[] take(byte[] input, int pos, int prefix) {
        int len = length(input, pos);
        int start = Math.min(input.length, pos + prefix);
        return Arrays.copyOfRange(input, start, Math.min(input.length, start + len));
    }
}
