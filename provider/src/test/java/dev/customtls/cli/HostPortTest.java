package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.com:443 | example.com | 443   | false",
        "127.0.0.1:8443  | 127.0.0.1   | 8443  | true",
        "[::1]:65535     | ::1         | 65535 | true",
        "localhost:1     | localhost   | 1     | false",
    })
    void parses(String text, String host, int port, boolean literal) throws UsageException {
        HostPort hp = HostPort.parse(text);
        assertEquals(host, hp.host());
        assertEquals(port, hp.port());
        assertEquals(literal, hp.isAddressLiteral());
        assertEquals(text, hp.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", ":443", "host:", "host:0", "host:65536", "host:x", "::1:443", "[::1]443",
        "[]:1"})
    void rejects(String text) {
        assertThrows(UsageException.class, () -> HostPort.parse(text));
    }
}
