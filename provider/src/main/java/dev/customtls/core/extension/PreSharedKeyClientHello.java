package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pre_shared_key} in a ClientHello (RFC 8446 section 4.2.11): {@code PskIdentity identities<7..2^16-1>}
 * then {@code PskBinderEntry binders<33..2^16-1>}, each binder {@code opaque<32..255>}. It must be the last
 * extension of the ClientHello; {@link Extensions#decode} checks that.
 *
 * <p>The binders are computed over the ClientHello truncated before the binders vector (RFC 8446 section
 * 4.2.11.2): drop the last {@link #bindersEncodedLength()} bytes of the encoded ClientHello.
 */
public record PreSharedKeyClientHello(List<PskIdentity> identities, List<byte[]> binders) implements Extension {
    /** Smallest binder: a 256-bit HMAC (RFC 8446 section 4.2.11). */
    public static final int MIN_BINDER_LENGTH = 32;
    public static final int MAX_BINDER_LENGTH = 255;

    public PreSharedKeyClientHello {
        identities = List.copyOf(identities);
        binders = List.copyOf(binders);
    }

    @Override
    public int type() {
        return ExtensionType.PRE_SHARED_KEY;
    }

    /** Bytes of the encoded binders vector, including its two-byte length. */
    public int bindersEncodedLength() {
        int n = 2;
        for (byte[] b : binders) {
            n += 1 + b.length;
        }
        return n;
    }

    /** This extension with its binders replaced (e.g. placeholders of the right length swapped for real ones). */
    public PreSharedKeyClientHello withBinders(List<byte[]> newBinders) {
        return new PreSharedKeyClientHello(identities, newBinders);
    }

    @Override
    public void encodeData(TlsWriter w) {
        int mark = w.startVector16();
        for (PskIdentity id : identities) {
            w.opaque16(id.identity());
            w.u32(id.obfuscatedTicketAge());
        }
        w.endVector16(mark);
        mark = w.startVector16();
        for (byte[] b : binders) {
            w.opaque8(b);
        }
        w.endVector16(mark);
    }

    /**
     * Decodes identities and binders. No identity, an empty identity, a binder outside 32..255 bytes, or
     * different counts of identities and binders are {@code decode_error}s.
     */
    public static PreSharedKeyClientHello decode(TlsReader data) {
        TlsReader ids = data.vector16();
        List<PskIdentity> identities = new ArrayList<>(1);
        while (ids.hasRemaining()) {
            byte[] identity = ids.opaque16();
            if (identity.length == 0) {
                throw TlsAlertException.decodeError("Empty PSK identity");
            }
            identities.add(new PskIdentity(identity, ids.u32()));
        }
        if (identities.isEmpty()) {
            throw TlsAlertException.decodeError("pre_shared_key without identities");
        }
        TlsReader bs = data.vector16();
        List<byte[]> binders = new ArrayList<>(identities.size());
        while (bs.hasRemaining()) {
            byte[] binder = bs.opaque8();
            if (binder.length < MIN_BINDER_LENGTH) {
                throw TlsAlertException.decodeError("PSK binder of " + binder.length + " bytes");
            }
            binders.add(binder);
        }
        if (binders.size() != identities.size()) {
            throw TlsAlertException.decodeError(identities.size() + " PSK identities but " + binders.size()
                    + " binders");
        }
        return new PreSharedKeyClientHello(identities, binders);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PreSharedKeyClientHello p) || !p.identities.equals(identities)
                || p.binders.size() != binders.size()) {
            return false;
        }
        for (int i = 0; i < binders.size(); i++) {
            if (!Arrays.equals(p.binders.get(i), binders.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = identities.hashCode();
        for (byte[] b : binders) {
            h = 31 * h + Arrays.hashCode(b);
        }
        return h;
    }

    @Override
    public String toString() {
        return "PreSharedKeyClientHello[identities=" + identities + ", binders=" + binders.size() + "]";
    }
}
