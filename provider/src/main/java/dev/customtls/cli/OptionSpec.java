package dev.customtls.cli;

/**
 * One command line option: {@code --name} alone (a flag) or {@code --name VALUE} / {@code --name=VALUE}.
 *
 * @param name        the option with its leading dashes, e.g. {@code --port}
 * @param valueName   the placeholder shown in usage for its value, or {@code null} for a flag
 * @param description one line for the usage text
 */
record OptionSpec(String name, String valueName, String description) {

    OptionSpec {
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("option names start with --: " + name);
        }
    }

    boolean isFlag() {
        return valueName == null;
    }

    /** An option whose value is optional, written {@code --name[=VALUE]} (valueName starts with "[="). */
    boolean hasOptionalValue() {
        return valueName != null && valueName.startsWith("[=");
    }

    /** {@code --name VALUE} or {@code --name}, as shown in usage. */
    String synopsis() {
        return isFlag() ? name : hasOptionalValue() ? name + valueName : name + " " + valueName;
    }
}
