package dev.customtls.core.extension;

import dev.customtls.core.constants.ExtensionType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The extensions one side of a connection neither sends nor heeds (SunJSSE's
 * {@code jdk.tls.client.disableExtensions} and {@code jdk.tls.server.disableExtensions}). A disabled extension
 * is left out of what we send, and one received from the peer is ignored, as if it had not been sent; a reply
 * we did not ask for stays an error. Immutable.
 */
public final class DisabledExtensions {
    /** Nothing disabled. */
    public static final DisabledExtensions NONE = new DisabledExtensions(new int[0]);

    /** Sorted, distinct type codes. */
    private final int[] types;

    private DisabledExtensions(int[] types) {
        this.types = types;
    }

    /** These extension types (duplicates allowed). */
    public static DisabledExtensions of(int... types) {
        int[] sorted = Arrays.stream(types).distinct().sorted().toArray();
        return sorted.length == 0 ? NONE : new DisabledExtensions(sorted);
    }

    /**
     * The extensions a comma-separated list names by their RFC names (IANA's, as SunJSSE's property spells them:
     * {@code server_name}, {@code status_request}, {@code extended_master_secret} ...), each trimmed; names of
     * extensions we do not implement are left out, as SunJSSE ignores names it does not know.
     */
    public static DisabledExtensions fromNames(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Integer> codes = new ArrayList<>();
        for (String name : list.split(",")) {
            int code = ExtensionType.fromName(name.trim());
            if (code >= 0) {
                codes.add(code);
            }
        }
        return of(codes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** This set with {@code type} added. */
    public DisabledExtensions with(int type) {
        if (contains(type)) {
            return this;
        }
        int[] more = Arrays.copyOf(types, types.length + 1);
        more[types.length] = type;
        return of(more);
    }

    public boolean contains(int type) {
        return types.length != 0 && Arrays.binarySearch(types, type) >= 0;
    }

    public boolean isEmpty() {
        return types.length == 0;
    }

    /** Removes the disabled extensions from a list about to be sent. */
    public void removeFrom(List<Extension> extensions) {
        if (types.length != 0) {
            extensions.removeIf(e -> contains(e.type()));
        }
    }

    /** A received block without the disabled extensions: {@code received} itself when it has none of them. */
    public Extensions filter(Extensions received) {
        if (types.length == 0) {
            return received;
        }
        List<Extension> kept = new ArrayList<>(received.list());
        removeFrom(kept);
        return kept.size() == received.size() ? received : Extensions.of(kept);
    }

    /** The disabled extensions by name. */
    public List<String> names() {
        List<String> out = new ArrayList<>(types.length);
        for (int t : types) {
            out.add(ExtensionType.name(t));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisabledExtensions d && Arrays.equals(d.types, types);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(types);
    }

    @Override
    public String toString() {
        return "DisabledExtensions" + names();
    }
}
