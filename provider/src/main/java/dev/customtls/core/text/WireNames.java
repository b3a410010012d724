package dev.customtls.core.text;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Names for code points seen on the wire: known values by their RFC/JSSE name, others (including GREASE,
 * RFC 8701) as hex.
 */
public final class WireNames {

    private WireNames() {
    }

    public static String version(int code) {
        ProtocolVersion v = ProtocolVersion.fromCode(code);
        return v != null ? v.jsseName() : grease(code);
    }

    public static String suite(int code) {
        CipherSuite s = CipherSuite.fromCode(code);
        if (s != null) {
            return s.jsseName();
        }
        if (code == CipherSuite.EMPTY_RENEGOTIATION_INFO_SCSV) {
            return "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
        }
        return code == CipherSuite.FALLBACK_SCSV ? "TLS_FALLBACK_SCSV" : grease(code);
    }

    public static String group(int code) {
        NamedGroup g = NamedGroup.fromCode(code);
        return g != null ? g.rfcName() : grease(code);
    }

    public static String scheme(int code) {
        SignatureScheme s = SignatureScheme.fromCode(code);
        return s != null ? s.rfcName() : grease(code);
    }

    /** RFC 8446 section 4.2.9. */
    public static String pskMode(int code) {
        switch (code) {
            case 0: return "psk_ke";
            case 1: return "psk_dhe_ke";
            default: return grease(code);
        }
    }

    public static String extension(int code) {
        String name = ExtensionType.name(code);
        return name.startsWith("unknown") ? grease(code) : name;
    }

    /** Names of a list of codes, joined with commas. */
    public static String list(List<Integer> codes, IntFunction<String> namer) {
        List<String> names = new ArrayList<>(codes.size());
        for (int c : codes) {
            names.add(namer.apply(c));
        }
        return String.join(", ", names);
    }

    /** Lower-case hex of public bytes (randoms, never secrets). */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String grease(int code) {
        boolean isGrease = (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
        return String.format(Locale.ROOT, "0x%04x%s", code, isGrease ? " (GREASE)" : "");
    }
}
