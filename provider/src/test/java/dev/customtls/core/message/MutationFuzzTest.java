package dev.customtls.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations (fixed seed) of the RFC 8448 messages decode either cleanly or with a
 * {@link TlsAlertException}, never with any other exception; what decodes re-encodes to an equal message.
 */
class MutationFuzzTest {
    private static final int ITERATIONS = 20_000;

    @Test
    void mutatedMessagesFailOnlyWithAlerts() {
        byte[][] seeds = {Rfc8448.CLIENT_HELLO, Rfc8448.SERVER_HELLO, Rfc8448.RESUMED_CLIENT_HELLO,
                Rfc8448.ENCRYPTED_EXTENSIONS, Rfc8448.NEW_SESSION_TICKET, Rfc8448.CERTIFICATE};
        Random rnd = new Random(0x7153_8448L);
        int decoded = 0;
        int alerts = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] seed = seeds[i % 2 == 0 ? i % 4 / 2 : rnd.nextInt(seeds.length)];
            int type = seed[0] & 0xff;
            byte[] body = mutate(Wire.body(seed), rnd);
            try {
                HandshakeMessage m = HandshakeMessageDecoder.decode(type, body);
                decoded++;
                HandshakeMessage again = HandshakeMessageDecoder.decode(type, Wire.body(m.encode()));
                assertEquals(m, again, "re-encoding changed the message for input " + HexFormat.of().formatHex(body));
            } catch (TlsAlertException e) {
                alerts++;
            } catch (RuntimeException | Error e) {
                fail("iteration " + i + ": " + e + " for input " + HexFormat.of().formatHex(body), e);
            }
        }
        assertEquals(ITERATIONS, decoded + alerts);
        assertTrue(decoded > 100, "too few mutants decoded: " + decoded);
        assertTrue(alerts > 100, "too few mutants rejected: " + alerts);
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in;
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int op = rnd.nextInt(6);
            int len = b.length;
            switch (op) {
                case 0 -> { // flip one bit
                    if (len > 0) {
                        b = b.clone();
                        b[rnd.nextInt(len)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> { // set a byte to an interesting value
                    if (len > 0) {
                        b = b.clone();
                        int[] values = {0, 1, 0x20, 0x29, 0x7f, 0x80, 0xfe, 0xff};
                        b[rnd.nextInt(len)] = (byte) values[rnd.nextInt(values.length)];
                    }
                }
                case 2 -> b = Arrays.copyOf(b, rnd.nextInt(len + 1)); // truncate
                case 3 -> { // insert a random byte
                    int at = rnd.nextInt(len + 1);
                    byte[] out = new byte[len + 1];
                    System.arraycopy(b, 0, out, 0, at);
                    out[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, out, at + 1, len - at);
                    b = out;
                }
                case 4 -> { // delete a range
                    if (len > 0) {
                        int at = rnd.nextInt(len);
                        int n = 1 + rnd.nextInt(Math.min(8, len - at));
                        byte[] out = new byte[len - n];
                        System.arraycopy(b, 0, out, 0, at);
                        System.arraycopy(b, at + n, out, at, len - at - n);
                        b = out;
                    }
                }
                default -> { // duplicate a range (repeats extensions, lengths, ...)
                    if (len > 0) {
                        int at = rnd.nextInt(len);
                        int n = 1 + rnd.nextInt(Math.min(16, len - at));
                        byte[] out = new byte[len + n];
                        System.arraycopy(b, 0, out, 0, at + n);
                        System.arraycopy(b, at, out, at + n, len - at);
                        b = out;
                    }
                }
            }
        }
        return b;
    }
}
