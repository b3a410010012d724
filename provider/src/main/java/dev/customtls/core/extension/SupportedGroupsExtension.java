package dev.customtls.core.extension;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.List;

/**
 * supported_groups (RFC 8446 section 4.2.7): {@code NamedGroup named_group_list<2..2^16-1>}.
 * Codes are kept as received, unknown ones included (GREASE, RFC 8701).
 */
public record SupportedGroupsExtension(List<Integer> groups) implements Extension {
    public SupportedGroupsExtension {
        groups = IntList.copyOf(groups);
    }

    @Override
    public int type() {
        return ExtensionType.SUPPORTED_GROUPS;
    }

    @Override
    public void encodeData(TlsWriter w) {
        IntVectors.writeU16ListU16Length(w, groups);
    }

    /** Decodes the list; an empty or odd-length vector is a {@code decode_error}. */
    public static SupportedGroupsExtension decode(TlsReader data) {
        return new SupportedGroupsExtension(IntVectors.readU16ListU16Length(data, "supported_groups"));
    }
}
