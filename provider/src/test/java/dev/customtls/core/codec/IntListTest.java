package dev.customtls.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IntList must behave as the List.of lists it replaces: equal, same hash, immutable, no nulls. */
class IntListTest {

    @Test
    void equalsAndHashesAsListOf() {
        List<Integer> expected = List.of(0x0403, 0x0804, 0x0a0a, 1, 0xffff);
        IntList list = IntList.own(new int[] {0x0403, 0x0804, 0x0a0a, 1, 0xffff});
        assertEquals(expected, list);
        assertEquals(list, expected);
        assertEquals(expected.hashCode(), list.hashCode());
        assertEquals(expected.toString(), list.toString());
        assertEquals(new ArrayList<>(expected), list);
        assertEquals(List.of(), IntList.own(new int[0]));
        assertFalse(list.equals(List.of(0x0403)));
    }

    @Test
    void searchesWithoutBoxingSurprises() {
        IntList list = IntList.own(new int[] {0x0403, 0x0804, 0x0403});
        assertTrue(list.contains(0x0804));
        assertTrue(list.containsInt(0x0403));
        assertFalse(list.contains(0x0805));
        assertFalse(list.contains("0x0403"));
        assertFalse(list.contains(null));
        assertEquals(0, list.indexOf(0x0403));
        assertEquals(2, list.lastIndexOf(0x0403));
        assertEquals(-1, list.indexOf(7));
        assertEquals(0x0804, list.getInt(1));
        assertEquals(Integer.valueOf(0x0804), list.get(1));
    }

    @Test
    void isImmutableAndCopiesOtherLists() {
        IntList list = IntList.own(new int[] {1, 2});
        assertThrows(UnsupportedOperationException.class, () -> list.add(3));
        assertThrows(UnsupportedOperationException.class, () -> list.set(0, 3));
        assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
        assertSame(list, IntList.copyOf(list));
        List<Integer> source = new ArrayList<>(List.of(5, 6));
        IntList copy = IntList.copyOf(source);
        source.set(0, 9);
        assertEquals(List.of(5, 6), copy);
        assertThrows(NullPointerException.class, () -> IntList.copyOf(Arrays.asList(1, null)));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
    }
}
