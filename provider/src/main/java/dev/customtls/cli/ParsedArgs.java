package dev.customtls.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The result of {@link OptionTable#parse}: option values by name and the positional arguments. */
final class ParsedArgs {

    private final Map<String, String> values;
    private final List<String> positional;

    ParsedArgs(Map<String, String> values, List<String> positional) {
        this.values = Map.copyOf(values);
        this.positional = List.copyOf(positional);
    }

    List<String> positional() {
        return positional;
    }

    boolean has(String option) {
        return values.containsKey(option);
    }

    /** The option's value, or {@code fallback} when it was not given. */
    String value(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    /** The option's value, or {@code null} when it was not given. */
    String value(String option) {
        return values.get(option);
    }

    /** The option's value as an int in {@code [min, max]}, or {@code fallback} when it was not given. */
    int intValue(String option, int fallback, int min, int max) throws UsageException {
        String v = values.get(option);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ": " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number: " + v);
        }
    }

    /** The option's comma-separated value as a list without empty items; empty when not given. */
    List<String> listValue(String option) {
        String v = values.get(option);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    /** Rejects more than {@code max} positional arguments. */
    void expectAtMostPositional(int max, String command) throws UsageException {
        if (positional.size() > max) {
            throw new UsageException("unexpected argument '" + positional.get(max) + "' for '" + command + "'");
        }
    }
}
