package dev.customtls.core.record;

import java.util.HexFormat;

/** Test vectors are written as the RFCs print them: hex with arbitrary whitespace. */
final class Hex {
    private Hex() {
    }

    static byte[] decode(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    static String encode(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
