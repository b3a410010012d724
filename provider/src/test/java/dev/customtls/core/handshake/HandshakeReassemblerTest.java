package dev.customtls.core.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;


class HandshakeReassemblerTest {

    /** A handshake message: type, uint24 length, body of {@code bodyLength} patterned bytes. */
    private static byte[] message(int type, int bodyLength) {
        byte[] m = new byte[4 + bodyLength];
        m[0] = (byte) type;
        m[1] = (byte) (bodyLength >>> 16);
        m[2] = (byte) (bodyLength >>> 8);
        m[3] = (byte) bodyLength;
        for (int i = 0; i < bodyLength; i++) {
            m[4 + i] = (byte) (type + i * 13);
        }
        return m;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void assertFrame(byte[] expectedRaw, HandshakeFrame frame) {
        assertNotNull(frame);
        assertEquals(expectedRaw[0] & 0xff, frame.type());
        assertArrayEquals(expectedRaw, frame.raw());
        assertArrayEquals(Arrays.copyOfRange(expectedRaw, 4, expectedRaw.length), frame.body());
        assertEquals(expectedRaw.length - 4, frame.length());
    }

    private static AlertDescription alertOf(Runnable r) {
        return assertThrows(TlsAlertException.class, r::run).alert();
    }

    @Test
    void oneMessageInOneByteRecords() {
        byte[] msg = message(HandshakeType.CLIENT_HELLO, 200);
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        assertTrue(r.isAtMessageBoundary());
        for (int i = 0; i < msg.length - 1; i++) {
            r.add(msg, i, 1);
            assertNull(r.next(), "incomplete after " + (i + 1) + " bytes");
            assertFalse(r.isAtMessageBoundary());
            assertEquals(i + 1, r.bufferedBytes());
        }
        r.add(msg, msg.length - 1, 1);
        assertFrame(msg, r.next());
        assertNull(r.next());
        assertTrue(r.isAtMessageBoundary());
        assertEquals(0, r.bufferedBytes());
    }

    @Test
    void oneMessageSplitAtEveryByteBoundary() {
        byte[] msg = message(HandshakeType.CERTIFICATE, 300);
        HandshakeReassembler r = new HandshakeReassembler(1000);
        for (int split = 1; split < msg.length; split++) {
            r.add(msg, 0, split);
            assertNull(r.next(), "split " + split);
            assertFalse(r.isAtMessageBoundary(), "split " + split);
            r.add(msg, split, msg.length - split);
            assertFrame(msg, r.next());
            assertNull(r.next());
            assertTrue(r.isAtMessageBoundary(), "split " + split);
        }
    }

    @Test
    void threeMessagesInOneRecord() {
        byte[] ee = message(HandshakeType.ENCRYPTED_EXTENSIONS, 6);
        byte[] cert = message(HandshakeType.CERTIFICATE, 500);
        byte[] fin = message(HandshakeType.FINISHED, 32);
        byte[] record = concat(new byte[3], ee, cert, fin, new byte[2]);
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        r.add(record, 3, record.length - 5);
        assertFalse(r.isAtMessageBoundary(), "unread messages count as buffered");
        assertFrame(ee, r.next());
        assertFalse(r.isAtMessageBoundary());
        assertFrame(cert, r.next());
        assertFrame(fin, r.next());
        assertNull(r.next());
        assertTrue(r.isAtMessageBoundary());
    }

    @Test
    void messagesStraddlingRecords() {
        byte[] a = message(HandshakeType.SERVER_HELLO, 90);
        byte[] b = message(HandshakeType.CERTIFICATE, 20000);
        byte[] c = message(HandshakeType.SERVER_HELLO_DONE, 0);
        byte[] all = concat(a, b, c);
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        r.add(all, 0, 16384);
        assertFrame(a, r.next());
        assertNull(r.next());
        assertFalse(r.isAtMessageBoundary());
        r.add(all, 16384, all.length - 16384);
        assertFrame(b, r.next());
        HandshakeFrame done = r.next();
        assertFrame(c, done);
        assertEquals(0, done.body().length);
        assertTrue(r.isAtMessageBoundary());
    }

    @Test
    void randomSplitsReproduceTheMessages() {
        Random random = new Random(8446);
        for (int round = 0; round < 200; round++) {
            List<byte[]> messages = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                byte[] m = message(1 + random.nextInt(30), random.nextInt(3) == 0 ? random.nextInt(5) : random.nextInt(3000));
                messages.add(m);
                stream.writeBytes(m);
            }
            byte[] all = stream.toByteArray();
            HandshakeReassembler r = new HandshakeReassembler(4000);
            List<byte[]> got = new ArrayList<>();
            int pos = 0;
            while (pos < all.length) {
                int len = Math.min(all.length - pos, 1 + random.nextInt(random.nextBoolean() ? 8 : 2000));
                r.add(all, pos, len);
                pos += len;
                for (HandshakeFrame f = r.next(); f != null; f = r.next()) {
                    got.add(f.raw());
                }
            }
            assertEquals(messages.size(), got.size(), "round " + round);
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(messages.get(i), got.get(i), "round " + round + " message " + i);
            }
            assertTrue(r.isAtMessageBoundary());
        }
    }

    @Test
    void oneMegabyteAnnouncedLengthRejectedBeforeBuffering() {
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        byte[] header = {HandshakeType.CERTIFICATE, 0x10, 0x00, 0x00, 1, 2, 3};
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> r.add(header, 0, header.length));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals(0, r.bufferedBytes(), "nothing buffered");
    }

    @Test
    void oversizedHeaderSplitAcrossRecordsRejectedWhenComplete() {
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        byte[] header = {HandshakeType.CERTIFICATE, 0x10, 0x00, 0x00};
        r.add(header, 0, 2);
        r.add(header, 2, 1);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> r.add(header, 3, 1)));
        assertEquals(3, r.bufferedBytes(), "the rejected fragment was not buffered");
    }

    @Test
    void oversizedSecondMessageInARecordRejectsTheWholeRecord() {
        byte[] ok = message(HandshakeType.ENCRYPTED_EXTENSIONS, 10);
        byte[] record = concat(ok, new byte[] {HandshakeType.CERTIFICATE, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> r.add(record, 0, record.length)));
        assertEquals(0, r.bufferedBytes());
        assertNull(r.next());
    }

    @Test
    void limitIsInclusive() {
        byte[] atLimit = message(HandshakeType.CERTIFICATE, 1000);
        HandshakeReassembler r = new HandshakeReassembler(1000);
        r.add(atLimit, 0, atLimit.length);
        assertFrame(atLimit, r.next());
        byte[] over = message(HandshakeType.CERTIFICATE, 1001);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> r.add(over, 0, 4)));
    }

    @Test
    void laterHeadersAreCheckedAfterEarlierMessagesAreConsumed() {
        HandshakeReassembler r = new HandshakeReassembler(100);
        byte[] a = message(HandshakeType.FINISHED, 50);
        r.add(a, 0, 30);
        r.add(a, 30, a.length - 30);
        assertFrame(a, r.next());
        byte[] big = message(HandshakeType.NEW_SESSION_TICKET, 101);
        r.add(big, 0, 2);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> r.add(big, 2, 10)));
    }

    @Test
    void zeroLengthFragmentIsUnexpectedMessage() {
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertOf(() -> r.add(new byte[4], 2, 0)));
    }

    @Test
    void boundaryIsFalseWithPartialHeader() {
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        r.add(new byte[] {HandshakeType.KEY_UPDATE, 0}, 0, 2);
        assertFalse(r.isAtMessageBoundary());
        assertNull(r.next());
        r.add(new byte[] {0, 1, 0}, 0, 3);
        assertFalse(r.isAtMessageBoundary());
        HandshakeFrame f = r.next();
        assertEquals(HandshakeType.KEY_UPDATE, f.type());
        assertArrayEquals(new byte[] {0}, f.body());
        assertTrue(r.isAtMessageBoundary());
    }

    @Test
    void framesDoNotAliasTheCallerOrTheBuffer() {
        byte[] msg = message(HandshakeType.CLIENT_HELLO, 20);
        byte[] input = msg.clone();
        HandshakeReassembler r = new HandshakeReassembler(100);
        r.add(input, 0, input.length);
        HandshakeFrame f = r.next();
        assertNull(r.next());
        Arrays.fill(input, (byte) 0x55); // the caller may reuse its array once next() returned null
        assertFrame(msg, f);
        byte[] next = message(HandshakeType.CLIENT_HELLO, 20);
        next[10] = 0x77;
        r.add(next, 0, next.length);
        assertFrame(msg, f);
        assertFrame(next, r.next());
    }

    /** A record is read in place until next() returns null; an incomplete tail is then copied. */
    @Test
    void incompleteTailIsCopiedBeforeTheCallerReusesItsArray() {
        byte[] a = message(HandshakeType.CLIENT_HELLO, 20);
        byte[] b = message(HandshakeType.CERTIFICATE, 30);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        byte[] input = Arrays.copyOf(both, a.length + 10);
        HandshakeReassembler r = new HandshakeReassembler(100);
        r.add(input, 0, input.length);
        assertEquals(input.length, r.bufferedBytes());
        assertFrame(a, r.next());
        assertFalse(r.isAtMessageBoundary());
        assertNull(r.next());
        assertEquals(10, r.bufferedBytes());
        Arrays.fill(input, (byte) 0x55);
        byte[] rest = Arrays.copyOfRange(both, a.length + 10, both.length);
        r.add(rest, 0, rest.length);
        assertFrame(b, r.next());
        assertNull(r.next());
        assertTrue(r.isAtMessageBoundary());
        assertEquals(0, r.bufferedBytes());
    }

    /** An add() before the previous record was drained keeps the undrained messages, in order. */
    @Test
    void addBeforeDrainingKeepsEverything() {
        byte[] a = message(HandshakeType.CLIENT_HELLO, 20);
        byte[] b = message(HandshakeType.CERTIFICATE, 30);
        HandshakeReassembler r = new HandshakeReassembler(100);
        r.add(a.clone(), 0, a.length);
        r.add(b.clone(), 0, b.length);
        assertEquals(a.length + b.length, r.bufferedBytes());
        assertFrame(a, r.next());
        assertFrame(b, r.next());
        assertNull(r.next());
        assertTrue(r.isAtMessageBoundary());
    }

    /** The size limit still applies to a header that only completes in the next record. */
    @Test
    void limitCheckedAcrossARecordReadInPlace() {
        byte[] a = message(HandshakeType.CLIENT_HELLO, 20);
        byte[] input = Arrays.copyOf(a, a.length + 2);
        input[a.length] = (byte) HandshakeType.CERTIFICATE;
        input[a.length + 1] = 0;
        HandshakeReassembler r = new HandshakeReassembler(100);
        r.add(input, 0, input.length);
        assertFrame(a, r.next());
        assertNull(r.next());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> r.add(new byte[] {1, 0}, 0, 2)));
    }

    @Test
    void largeMessageAtTheDefaultLimit() {
        byte[] msg = message(HandshakeType.CERTIFICATE, HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        HandshakeReassembler r = new HandshakeReassembler(HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE);
        for (int pos = 0; pos < msg.length; pos += 16384) {
            r.add(msg, pos, Math.min(16384, msg.length - pos));
        }
        assertFrame(msg, r.next());
        assertTrue(r.isAtMessageBoundary());
    }

    @Test
    void toStringShowsNoContent() {
        HandshakeFrame f = new HandshakeFrame(HandshakeType.FINISHED, new byte[] {20, 0, 0, 2, 0x41, 0x42});
        assertEquals("HandshakeFrame[finished, 2 bytes]", f.toString());
    }

    @Test
    void misuseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HandshakeReassembler(0));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeReassembler(1 << 24));
        HandshakeReassembler r = new HandshakeReassembler(100);
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> r.add(new byte[4], 2, 3)));
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> r.add(new byte[4], -1, 1)));
        assertEquals(100, r.maxMessageSize());
    }
}
