package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code key_share} in a ClientHello (RFC 8446 section 4.2.8): {@code KeyShareEntry client_shares<0..2^16-1>}.
 * The list may be empty (the client then asks for a HelloRetryRequest).
 */
public record KeyShareClientHello(List<KeyShareEntry> shares) implements Extension {
    public KeyShareClientHello {
        shares = List.copyOf(shares);
    }

    @Override
    public int type() {
        return ExtensionType.KEY_SHARE;
    }

    /** The share for {@code group}, or null if the client sent none. */
    public KeyShareEntry shareFor(int group) {
        for (KeyShareEntry e : shares) {
            if (e.group() == group) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void encodeData(TlsWriter w) {
        int mark = w.startVector16();
        for (KeyShareEntry e : shares) {
            e.encode(w);
        }
        w.endVector16(mark);
    }

    /**
     * Decodes {@code client_shares}. Two entries for one group are forbidden (RFC 8446 section 4.2.8:
     * "Clients MUST NOT offer multiple KeyShareEntry values for the same group"): {@code illegal_parameter}.
     */
    public static KeyShareClientHello decode(TlsReader data) {
        TlsReader list = data.vector16();
        List<KeyShareEntry> shares = new ArrayList<>(2);
        while (list.hasRemaining()) {
            KeyShareEntry e = KeyShareEntry.decode(list);
            for (KeyShareEntry prior : shares) {
                if (prior.group() == e.group()) {
                    throw TlsAlertException.illegalParameter("Two key_share entries for group 0x"
                            + Integer.toHexString(e.group()));
                }
            }
            shares.add(e);
        }
        return new KeyShareClientHello(shares);
    }

    @Override
    public String toString() {
        return "KeyShareClientHello" + shares;
    }
}
