package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code application_layer_protocol_negotiation} (RFC 7301 section 3.1):
 * {@code ProtocolName protocol_name_list<2..2^16-1>}, each {@code opaque ProtocolName<1..2^8-1>}.
 * Names are mapped to strings byte for byte (ISO-8859-1), as JSSE does, so any octets survive a round trip.
 * In a ServerHello or EncryptedExtensions the list holds exactly one name.
 */
public record AlpnExtension(List<String> protocols) implements Extension {
    public AlpnExtension {
        protocols = List.copyOf(protocols);
    }

    /** The server's form: one selected protocol. */
    public static AlpnExtension selected(String protocol) {
        return new AlpnExtension(List.of(protocol));
    }

    @Override
    public int type() {
        return ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION;
    }

    @Override
    public void encodeData(TlsWriter w) {
        int mark = w.startVector16();
        for (String p : protocols) {
            w.opaque8(p.getBytes(StandardCharsets.ISO_8859_1));
        }
        w.endVector16(mark);
    }

    /** Decodes the client's list: empty list or empty name is a {@code decode_error}. */
    public static AlpnExtension decode(TlsReader data) {
        TlsReader list = data.vector16();
        if (!list.hasRemaining()) {
            throw TlsAlertException.decodeError("Empty ALPN protocol_name_list");
        }
        List<String> names = new ArrayList<>(4);
        while (list.hasRemaining()) {
            byte[] name = list.opaque8();
            if (name.length == 0) {
                throw TlsAlertException.decodeError("Empty ALPN ProtocolName");
            }
            names.add(new String(name, StandardCharsets.ISO_8859_1));
        }
        return new AlpnExtension(names);
    }

    /**
     * Decodes the server's form: the list "MUST contain exactly one ProtocolName" (RFC 7301 section 3.1);
     * otherwise {@code decode_error}.
     */
    public static AlpnExtension decodeSelected(TlsReader data) {
        AlpnExtension alpn = decode(data);
        if (alpn.protocols.size() != 1) {
            throw TlsAlertException.decodeError("Server ALPN must name exactly one protocol, got "
                    + alpn.protocols.size());
        }
        return alpn;
    }
}
