package dev.customtls.core.extension;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.List;

/**
 * {@code psk_key_exchange_modes} (RFC 8446 section 4.2.9): {@code PskKeyExchangeMode ke_modes<1..255>}.
 * Unknown modes are kept (and ignored by the handshake).
 */
public record PskKeyExchangeModesExtension(List<Integer> modes) implements Extension {
    /** {@code psk_ke}: PSK-only key establishment. */
    public static final int PSK_KE = 0;
    /** {@code psk_dhe_ke}: PSK with (EC)DHE key establishment. */
    public static final int PSK_DHE_KE = 1;

    public PskKeyExchangeModesExtension {
        modes = IntList.copyOf(modes);
    }

    @Override
    public int type() {
        return ExtensionType.PSK_KEY_EXCHANGE_MODES;
    }

    @Override
    public void encodeData(TlsWriter w) {
        IntVectors.writeU8ListU8Length(w, modes);
    }

    /** An empty list is a {@code decode_error}. */
    public static PskKeyExchangeModesExtension decode(TlsReader data) {
        return new PskKeyExchangeModesExtension(IntVectors.readU8ListU8Length(data, "psk_key_exchange_modes"));
    }
}
