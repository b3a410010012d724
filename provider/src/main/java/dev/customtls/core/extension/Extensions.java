package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ordered, duplicate-free extension block: {@code Extension extensions<0..2^16-1>} (RFC 8446 section 4.2).
 * Immutable.
 */
public final class Extensions {
    /** The empty block. */
    public static final Extensions EMPTY = new Extensions(List.of());

    /** Above this many entries the duplicate check sorts instead of comparing every pair. */
    private static final int PAIRWISE_DUPLICATE_CHECK_LIMIT = 32;

    private final List<Extension> list;

    private Extensions(List<Extension> list) {
        this.list = list;
    }

    /**
     * A block of {@code list} in this order.
     *
     * @throws IllegalArgumentException if two extensions have the same type (a programming error)
     */
    public static Extensions of(List<Extension> list) {
        List<Extension> copy = List.copyOf(list);
        int[] types = new int[copy.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = copy.get(i).type();
        }
        int dup = findDuplicate(types, types.length);
        if (dup >= 0) {
            throw new IllegalArgumentException("Duplicate extension " + ExtensionType.name(dup));
        }
        return copy.isEmpty() ? EMPTY : new Extensions(copy);
    }

    /** A block of these extensions in this order; see {@link #of(List)}. */
    public static Extensions of(Extension... extensions) {
        return of(Arrays.asList(extensions));
    }

    /**
     * Reads a two-byte-length-prefixed extension block that appears in {@code ctx}.
     * <ul>
     * <li>A type twice in one block: {@code illegal_parameter} ("There MUST NOT be more than one extension of
     *     the same type in a given extension block", RFC 8446 section 4.2).</li>
     * <li>{@code pre_shared_key} not last in a ClientHello: {@code illegal_parameter} (RFC 8446 section
     *     4.2.11).</li>
     * <li>A recognised extension not allowed in {@code ctx}: {@code illegal_parameter} (section 4.2).</li>
     * <li>Truncation, trailing bytes inside an extension or bad inner lengths: {@code decode_error}.</li>
     * </ul>
     */
    public static Extensions decode(TlsReader r, ExtensionContext ctx) {
        return decode(r, ctx, false);
    }

    /**
     * Reads the extension block of a ServerHello that is not a HelloRetryRequest. The block decides the
     * version: with {@code supported_versions} it is a TLS 1.3 ServerHello (RFC 8446 section 4.2.1), checked
     * as {@link ExtensionContext#SERVER_HELLO}; without, a TLS 1.2 one, checked as
     * {@link ExtensionContext#TLS12_SERVER_HELLO}. Otherwise as {@link #decode(TlsReader, ExtensionContext)}.
     */
    public static Extensions decodeServerHello(TlsReader r) {
        return decode(r, ExtensionContext.SERVER_HELLO, true);
    }

    private static Extensions decode(TlsReader r, ExtensionContext requested, boolean versionFromBlock) {
        ExtensionContext ctx = requested;
        TlsReader block = r.vector16();
        if (!block.hasRemaining()) {
            return EMPTY;
        }
        int count = 0;
        int[] types = new int[8];
        TlsReader[] datas = new TlsReader[8];
        while (block.hasRemaining()) {
            if (count == types.length) {
                types = Arrays.copyOf(types, count * 2);
                datas = Arrays.copyOf(datas, count * 2);
            }
            types[count] = block.u16();
            datas[count] = block.vector16();
            count++;
        }
        int dup = findDuplicate(types, count);
        if (dup >= 0) {
            throw TlsAlertException.illegalParameter("Duplicate extension " + ExtensionType.name(dup));
        }
        if (versionFromBlock && !contains(types, count, ExtensionType.SUPPORTED_VERSIONS)) {
            ctx = ExtensionContext.TLS12_SERVER_HELLO;
        }
        if (ctx == ExtensionContext.CLIENT_HELLO) {
            for (int i = 0; i < count - 1; i++) {
                if (types[i] == ExtensionType.PRE_SHARED_KEY) {
                    throw TlsAlertException.illegalParameter("pre_shared_key is not the last ClientHello extension");
                }
            }
        }
        Extension[] decoded = new Extension[count];
        for (int i = 0; i < count; i++) {
            decoded[i] = ExtensionDecoder.decode(types[i], datas[i], ctx);
        }
        return new Extensions(List.of(decoded));
    }

    private static boolean contains(int[] types, int count, int type) {
        for (int i = 0; i < count; i++) {
            if (types[i] == type) {
                return true;
            }
        }
        return false;
    }

    /** The first type among {@code types[0, n)} that occurs twice, or -1. Sorts a copy when there are many. */
    private static int findDuplicate(int[] types, int n) {
        if (n <= PAIRWISE_DUPLICATE_CHECK_LIMIT) {
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (types[i] == types[j]) {
                        return types[i];
                    }
                }
            }
            return -1;
        }
        int[] sorted = Arrays.copyOf(types, n);
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return sorted[i];
            }
        }
        return -1;
    }

    /** Writes the block with its two-byte length prefix. */
    public void encode(TlsWriter w) {
        int mark = w.startVector16();
        for (int i = 0; i < list.size(); i++) { // indexed: no iterator per block
            Extension e = list.get(i);
            w.u16(e.type());
            int m = w.startVector16();
            e.encodeData(w);
            w.endVector16(m);
        }
        w.endVector16(mark);
    }

    /** The extensions in wire order. */
    public List<Extension> list() {
        return list;
    }

    /** The extension of this record class, or null if absent. */
    public <T extends Extension> T get(Class<T> type) {
        for (int i = 0; i < list.size(); i++) { // indexed: no iterator per look-up
            Extension e = list.get(i);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return null;
    }

    /** The extension with this type code, or null if absent. */
    public Extension get(int extensionType) {
        for (int i = 0; i < list.size(); i++) {
            Extension e = list.get(i);
            if (e.type() == extensionType) {
                return e;
            }
        }
        return null;
    }

    public boolean has(int extensionType) {
        return get(extensionType) != null;
    }

    /** The type codes in wire order. */
    public List<Integer> types() {
        Integer[] types = new Integer[list.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = list.get(i).type();
        }
        return List.of(types);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extensions x && x.list.equals(list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return "Extensions" + list;
    }
}
