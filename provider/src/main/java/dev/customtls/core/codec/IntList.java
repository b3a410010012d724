package dev.customtls.core.codec;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable {@code List<Integer>} over an {@code int[]}: the wire code lists of handshake messages (cipher
 * suites, groups, signature schemes, versions) without an {@code Integer} per element. Equal to, and with the
 * same hash code as, any list of the same values ({@link java.util.List#equals}); like {@code List.of} it has
 * no null elements and cannot be modified.
 */
public final class IntList extends AbstractList<Integer> implements RandomAccess {
    private static final IntList EMPTY = new IntList(new int[0]);

    private final int[] values;

    private IntList(int[] values) {
        this.values = values;
    }

    /** A list of {@code values}, which the caller hands over: it must not change the array afterwards. */
    public static IntList own(int[] values) {
        return values.length == 0 ? EMPTY : new IntList(values);
    }

    /**
     * An immutable copy of {@code list} as {@code List.copyOf} makes one: an {@code IntList} is returned as it is.
     *
     * @throws NullPointerException if the list or an element is null
     */
    public static IntList copyOf(Collection<Integer> list) {
        if (list instanceof IntList l) {
            return l;
        }
        int[] values = new int[list.size()];
        int i = 0;
        for (Integer v : list) {
            values[i++] = v; // unboxing: a null element throws, as List.copyOf does
        }
        return own(values);
    }

    /** Element {@code i} without boxing. */
    public int getInt(int i) {
        return values[i];
    }

    @Override
    public Integer get(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return values.length;
    }

    /** Whether {@code value} is in the list (no boxing). */
    public boolean containsInt(int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public int indexOf(Object o) {
        if (!(o instanceof Integer)) {
            return -1;
        }
        int value = (Integer) o;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        if (!(o instanceof Integer)) {
            return -1;
        }
        int value = (Integer) o;
        for (int i = values.length - 1; i >= 0; i--) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int v : values) {
            h = 31 * h + Integer.hashCode(v);
        }
        return h;
    }
}
