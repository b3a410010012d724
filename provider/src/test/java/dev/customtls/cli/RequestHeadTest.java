package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestHeadTest {

    private static RequestHead read(String s) throws IOException {
        return RequestHead.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'GET / HTTP/1.0\\r\\n\\r\\n'                            | GET / HTTP/1.0 | 0",
        "'GET / HTTP/1.1\\r\\nHost: a\\r\\nAccept: */*\\r\\n\\r\\n' | GET / HTTP/1.1 | 2",
        "'GET / HTTP/1.1\\nHost: a\\n\\n'                         | GET / HTTP/1.1 | 1",
        "'hello\\n'                                              | hello          | 0",
        "'no newline at all'                                    | no newline at all | 0",
        "''                                                     | ''             | 0",
        "'GET / HTTP/1.0\\r\\nHost: a'                            | GET / HTTP/1.0 | 1",
    })
    void readsTheHead(String raw, String line, int headers) throws IOException {
        RequestHead head = read(raw.replace("\\r", "\r").replace("\\n", "\n"));
        assertEquals(line, head.requestLine());
        assertEquals(headers, head.headerLines());
    }

    @Test
    void longLinesAreCut() throws IOException {
        RequestHead head = read("A".repeat(RequestHead.MAX_LINE + 5000) + "\n");
        assertEquals(RequestHead.MAX_LINE, head.requestLine().length());
    }

    @Test
    void headerLinesAreBounded() throws IOException {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.0\r\n");
        for (int i = 0; i < 1000; i++) {
            sb.append("X-").append(i).append(": y\r\n");
        }
        InputStream in = new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        RequestHead head = RequestHead.read(in);
        assertEquals(RequestHead.MAX_HEADER_LINES, head.headerLines());
    }

    @Test
    void controlCharactersAreNotPrinted() throws IOException {
        assertEquals("GET ?[31m / HTTP/1.0", read("GET \u001b[31m / HTTP/1.0\r\n\r\n").printableRequestLine());
    }
}
