package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
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
        Integer[] values = new Integer[n / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = v.u16();
        }
        return List.of(values);
    }

    /** Reads {@code uint8 x<1..2^8-1>}; an empty vector is a {@code decode_error}. */
    static List<Integer> readU8ListU8Length(TlsReader r, String what) {
        TlsReader v = r.vector8();
        if (!v.hasRemaining()) {
            throw TlsAlertException.decodeError("Empty " + what + " list");
        }
        List<Integer> values = new ArrayList<>(v.remaining());
        while (v.hasRemaining()) {
            values.add(v.u8());
        }
        return List.copyOf(values);
    }

    static void writeU16ListU16Length(TlsWriter w, List<Integer> values) {
        int mark = w.startVector16();
        for (int v : values) {
            w.u16(v);
        }
        w.endVector16(mark);
    }

    static void writeU16ListU8Length(TlsWriter w, List<Integer> values) {
        int mark = w.startVector8();
        for (int v : values) {
            w.u16(v);
        }
        w.endVector8(mark);
    }

    static void writeU8ListU8Length(TlsWriter w, List<Integer> values) {
        int mark = w.startVector8();
        for (int v : values) {
            w.u8(v);
        }
        w.endVector8(mark);
    }
}
