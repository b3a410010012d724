package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionTableTest {

    private final OptionTable table = new OptionTable("test")
            .flag("--trust-all", "a flag")
            .value("--port", "P", "a value")
            .value("--alpn", "a,b", "a list");

    @Test
    void parsesFlagsValuesAndPositionals() throws UsageException {
        ParsedArgs a = table.parse(List.of("host:1", "--trust-all", "--port", "443", "--alpn=h2,,http/1.1"));
        assertTrue(a.has("--trust-all"));
        assertEquals(443, a.intValue("--port", 0, 1, 65535));
        assertEquals(List.of("h2", "http/1.1"), a.listValue("--alpn"));
        assertEquals(List.of("host:1"), a.positional());
    }

    @Test
    void absentOptionsUseFallbacks() throws UsageException {
        ParsedArgs a = table.parse(List.of());
        assertFalse(a.has("--trust-all"));
        assertEquals(8443, a.intValue("--port", 8443, 0, 65535));
        assertEquals("x", a.value("--alpn", "x"));
        assertEquals(List.of(), a.listValue("--alpn"));
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        ParsedArgs a = table.parse(List.of("--", "--port"));
        assertEquals(List.of("--port"), a.positional());
        assertFalse(a.has("--port"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--nope              | unknown option --nope for 'test'",
        "--nope=1            | unknown option --nope for 'test'",
        "--port              | option --port needs a value (P)",
        "--trust-all=yes     | option --trust-all takes no value",
        "--port 1 --port 2   | option --port given twice",
    })
    void rejectsBadCommandLines(String line, String message) {
        UsageException e = assertThrows(UsageException.class, () -> table.parse(List.of(line.split(" "))));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x      | --port needs a number: x",
        "0      | --port must be between 1 and 65535: 0",
        "65536  | --port must be between 1 and 65535: 65536",
    })
    void rejectsBadNumbers(String value, String message) throws UsageException {
        ParsedArgs a = table.parse(List.of("--port", value));
        UsageException e = assertThrows(UsageException.class, () -> a.intValue("--port", 1, 1, 65535));
        assertEquals(message, e.getMessage());
    }

    @Test
    void usageListsEveryOption() {
        String usage = table.usage();
        assertTrue(usage.contains("--trust-all"), usage);
        assertTrue(usage.contains("--port P"), usage);
        assertTrue(usage.contains("--alpn a,b"), usage);
    }

    @Test
    void duplicateDeclarationIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new OptionTable("x").flag("--a", "").flag("--a", ""));
    }
}
