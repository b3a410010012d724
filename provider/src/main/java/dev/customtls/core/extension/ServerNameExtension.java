package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code server_name} (RFC 6066 section 3). In a ClientHello it holds a non-empty list of {@code host_name}
 * entries; in a ServerHello or EncryptedExtensions its data is empty and {@link #hostNames()} is empty.
 */
public record ServerNameExtension(List<String> hostNames) implements Extension {
    /** The {@code host_name} NameType. */
    public static final int NAME_TYPE_HOST_NAME = 0;

    /** The empty form a server sends to acknowledge the name (RFC 6066 section 3). */
    public static final ServerNameExtension ACKNOWLEDGEMENT = new ServerNameExtension(List.of());

    public ServerNameExtension {
        hostNames = List.copyOf(hostNames);
    }

    /** A ClientHello {@code server_name} with one host name. */
    public static ServerNameExtension of(String hostName) {
        return new ServerNameExtension(List.of(hostName));
    }

    @Override
    public int type() {
        return ExtensionType.SERVER_NAME;
    }

    @Override
    public void encodeData(TlsWriter w) {
        if (hostNames.isEmpty()) {
            return;
        }
        int mark = w.startVector16();
        for (String name : hostNames) {
            w.u8(NAME_TYPE_HOST_NAME);
            w.opaque16(name.getBytes(StandardCharsets.US_ASCII));
        }
        w.endVector16(mark);
    }

    /**
     * Decodes the ClientHello form: {@code ServerName server_name_list<1..2^16-1>}.
     * Only {@code host_name} is defined, so another NameType cannot be parsed: {@code decode_error}.
     * A second {@code host_name} is forbidden (RFC 6066 section 3): {@code illegal_parameter}.
     * A host name must be non-empty ({@code decode_error}) ASCII without NUL ({@code illegal_parameter}).
     */
    public static ServerNameExtension decodeClientHello(TlsReader data) {
        TlsReader list = data.vector16();
        if (!list.hasRemaining()) {
            throw TlsAlertException.decodeError("Empty server_name list");
        }
        List<String> names = new ArrayList<>(1);
        while (list.hasRemaining()) {
            int nameType = list.u8();
            if (nameType != NAME_TYPE_HOST_NAME) {
                throw TlsAlertException.decodeError("Unknown server_name NameType " + nameType);
            }
            byte[] name = list.opaque16();
            if (name.length == 0) {
                throw TlsAlertException.decodeError("Empty host_name in server_name");
            }
            for (byte b : name) {
                if (b <= 0) {
                    throw TlsAlertException.illegalParameter("host_name is not printable ASCII");
                }
            }
            if (!names.isEmpty()) {
                throw TlsAlertException.illegalParameter("More than one host_name in server_name");
            }
            names.add(new String(name, StandardCharsets.US_ASCII));
        }
        return new ServerNameExtension(names);
    }
}
