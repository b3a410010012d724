package dev.customtls.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A size hint only sizes the first buffer: writing past it grows, and array() shows what was written. */
class TlsWriterSizeHintTest {

    @Test
    void aSmallHintStillGrows() {
        for (int hint : new int[] {0, 1, 16, 17, 100, 4096}) {
            TlsWriter w = new TlsWriter(hint);
            byte[] expected = new byte[5000];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (byte) (i * 7);
            }
            int mark = w.startVector16();
            w.bytes(expected, 0, 3000).u8(expected[3000]).bytes(expected, 3001, 1999);
            w.endVector16(mark);
            byte[] out = w.toByteArray();
            assertEquals(5002, out.length);
            assertEquals(5000, ((out[0] & 0xff) << 8) | (out[1] & 0xff));
            assertArrayEquals(expected, Arrays.copyOfRange(out, 2, out.length), "hint " + hint);
        }
    }

    @Test
    void arrayIsTheBufferWithoutACopy() {
        TlsWriter w = new TlsWriter(32);
        w.u16(0x0304).u8(7);
        byte[] a = w.array();
        assertSame(a, w.array());
        assertArrayEquals(new byte[] {3, 4, 7}, Arrays.copyOf(a, w.length()));
        w.bytes(new byte[100]); // grows: the old array is no longer the buffer
        assertEquals(103, w.length());
        assertArrayEquals(new byte[] {3, 4, 7}, Arrays.copyOf(w.array(), 3));
        w.reset();
        assertEquals(0, w.length());
    }
}
