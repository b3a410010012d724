package dev.customtls.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options a command accepts, in a small table; adding an option is one call to {@link #flag} or
 * {@link #value}. Parses {@code --name VALUE}, {@code --name=VALUE} and flags; every other argument is
 * positional, and {@code --} ends the options.
 */
final class OptionTable {

    private final String command;
    private final Map<String, OptionSpec> options = new LinkedHashMap<>();

    OptionTable(String command) {
        this.command = command;
    }

    /** Adds a flag (an option without a value). */
    OptionTable flag(String name, String description) {
        return add(new OptionSpec(name, null, description));
    }

    /** Adds an option taking one value. */
    OptionTable value(String name, String valueName, String description) {
        return add(new OptionSpec(name, valueName, description));
    }

    private OptionTable add(OptionSpec spec) {
        if (options.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("duplicate option " + spec.name());
        }
        return this;
    }

    List<OptionSpec> specs() {
        return List.copyOf(options.values());
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException for an unknown option, a missing value, or an option given twice
     */
    ParsedArgs parse(List<String> args) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            OptionSpec spec = options.get(name);
            if (spec == null) {
                throw new UsageException("unknown option " + name + " for '" + command + "'");
            }
            String value;
            if (spec.isFlag()) {
                if (eq >= 0) {
                    throw new UsageException("option " + name + " takes no value");
                }
                value = "";
            } else if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (spec.hasOptionalValue()) {
                value = ""; // --name alone; its value, if any, must be attached with '='
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("option " + name + " needs a value (" + spec.valueName() + ")");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException("option " + name + " given twice");
            }
        }
        return new ParsedArgs(values, positional);
    }

    /** The options part of the usage text, one option a line, indented. */
    String usage() {
        int width = 0;
        for (OptionSpec s : options.values()) {
            width = Math.max(width, s.synopsis().length());
        }
        StringBuilder sb = new StringBuilder();
        for (OptionSpec s : options.values()) {
            sb.append("    ").append(s.synopsis());
            sb.append(" ".repeat(width - s.synopsis().length() + 2)).append(s.description()).append('\n');
        }
        return sb.toString();
    }
}
