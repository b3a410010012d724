package dev.customtls.core.extension;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.error.TlsAlertException;

import java.util.List;

/**
 * Codecs for the integer vectors that many extensions are made of (RFC 8446 section 3.4): a length prefix
 * followed by fixed-size elements. Unknown values are kept as they are (GREASE, RFC 8701).
 */
final class IntVectors {
    private IntVectors() {
    }

    /**
     * Reads {@code uint16 x<2..2^16-2>}: a two-byte length, then that many bytes of uint16 values.
     * An empty or odd-length vector is a {@code decode_error}.
     */
    static List<Integer> readU16ListU16Length(TlsReader r, String what) {
        return readU16Elements(r.vector16(), what);
    }

    /** Reads {@code uint16 x<2..254>} with a one-byte length (supported_versions in ClientHello). */
    static List<Integer> readU16ListU8Length(TlsReader r, String what) {
        return readU16Elements(r.vector8(), what);
    }

    private static List<Integer> readU16Elements(TlsReader v, String what) {
        int n = v.remaining();
        if (n == 0) {
            throw TlsAlertException.decodeError("Empty " + what + " list");
        }
        if ((n & 1) != 0) {
            throw TlsAlertException.decodeError("Odd length " + n + " of " + what + " list");
        }
        int[] values = new int[n / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = v.u16();
        }
        return IntList.own(values);
    }

    /** Reads {@code uint8 x<1..2^8-1>}; an empty vector is a {@code decode_error}. */
    static List<Integer> readU8ListU8Length(TlsReader r, String what) {
        TlsReader v = r.vector8();
        if (!v.hasRemaining()) {
            throw TlsAlertException.decodeError("Empty " + what + " list");
        }
        int[] values = new int[v.remaining()];
        for (int i = 0; i < values.length; i++) {
            values[i] = v.u8();
        }
        return IntList.own(values);
    }

    static void writeU16ListU16Length(TlsWriter w, List<Integer> values) {
        IntList list = IntList.copyOf(values); // the extensions hold IntLists: no copy
        int mark = w.startVector16();
        for (int i = 0; i < list.size(); i++) {
            w.u16(list.getInt(i));
        }
        w.endVector16(mark);
    }

    static void writeU16ListU8Length(TlsWriter w, List<Integer> values) {
        IntList list = IntList.copyOf(values);
        int mark = w.startVector8();
        for (int i = 0; i < list.size(); i++) {
            w.u16(list.getInt(i));
        }
        w.endVector8(mark);
    }

    static void writeU8ListU8Length(TlsWriter w, List<Integer> values) {
        IntList list = IntList.copyOf(values);
        int mark = w.startVector8();
        for (int i = 0; i < list.size(); i++) {
            w.u8(list.getInt(i));
        }
        w.endVector8(mark);
    }
}
