package dev.customtls.core.constants;

/** Protocol versions as they appear on the wire (RFC 8446 section 4.2.1). */
public enum ProtocolVersion {
    SSL30(0x0300, "SSLv3"),
    TLS10(0x0301, "TLSv1"),
    TLS11(0x0302, "TLSv1.1"),
    TLS12(0x0303, "TLSv1.2"),
    TLS13(0x0304, "TLSv1.3");

    /** {@code values()} once: every call of {@code values()} clones the array. */
    private static final ProtocolVersion[] VALUES = values();

    private final int code;
    private final String jsseName;

    ProtocolVersion(int code, String jsseName) {
        this.code = code;
        this.jsseName = jsseName;
    }

    public int code() {
        return code;
    }

    /** The name JSSE uses, e.g. {@code TLSv1.3}. */
    public String jsseName() {
        return jsseName;
    }

    public static ProtocolVersion fromCode(int code) {
        for (ProtocolVersion v : VALUES) {
            if (v.code == code) {
                return v;
            }
        }
        return null;
    }

    public static ProtocolVersion fromJsseName(String name) {
        for (ProtocolVersion v : VALUES) {
            if (v.jsseName.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
