package dev.customtls.core.session;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * Seals a {@link ResumptionState} into an opaque ticket and opens it again (RFC 8446 section 4.6.1: the
 * ticket is "an opaque label", its format the server's choice; the self-encrypted form follows RFC 5077
 * section 4's recommendation). Layout: {@code key_name[16] || nonce[12] || AES-256-GCM(state) || tag[16]},
 * with the key name as additional data. Thread-safe (a new AEAD per call).
 */
public final class TicketSealer {
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_LENGTH = 16;
    /** Smallest ticket this class writes: name, nonce, tag and a non-empty state. */
    private static final int MIN_LENGTH = TicketKey.NAME_LENGTH + NONCE_LENGTH + TAG_LENGTH + 1;

    private final TlsCrypto crypto;
    private final TicketKeySource keys;

    public TicketSealer(TlsCrypto crypto, TicketKeySource keys) {
        this.crypto = crypto;
        this.keys = keys;
    }

    public TicketKeySource keySource() {
        return keys;
    }

    /** Encrypts {@code state} under the current sealing key. */
    public byte[] seal(ResumptionState state, long nowMillis) {
        TicketKey key = keys.sealingKey(nowMillis);
        byte[] plain = state.encode();
        byte[] out = new byte[TicketKey.NAME_LENGTH + NONCE_LENGTH + plain.length + TAG_LENGTH];
        byte[] name = key.name();
        System.arraycopy(name, 0, out, 0, name.length);
        byte[] nonce = new byte[NONCE_LENGTH];
        crypto.secureRandom().nextBytes(nonce);
        System.arraycopy(nonce, 0, out, TicketKey.NAME_LENGTH, NONCE_LENGTH);
        byte[] secret = key.secret();
        try {
            Aead aead = crypto.aead(AeadAlgorithm.AES_256_GCM, secret);
            aead.seal(nonce, name, name.length, plain, 0, plain.length, out, TicketKey.NAME_LENGTH + NONCE_LENGTH);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
        return out;
    }

    /**
     * Decrypts a ticket. Returns null for anything this server cannot use (unknown or retired key, wrong
     * length, failed authentication, unparseable content): RFC 8446 section 4.2.11 has the server then
     * ignore the PSK and do a full handshake.
     */
    public ResumptionState open(byte[] ticket, long nowMillis) {
        if (ticket == null || ticket.length < MIN_LENGTH) {
            return null;
        }
        TicketKey key = keys.openingKey(ticket, 0, nowMillis);
        if (key == null) {
            return null;
        }
        byte[] name = Arrays.copyOfRange(ticket, 0, TicketKey.NAME_LENGTH);
        byte[] nonce = Arrays.copyOfRange(ticket, TicketKey.NAME_LENGTH, TicketKey.NAME_LENGTH + NONCE_LENGTH);
        int off = TicketKey.NAME_LENGTH + NONCE_LENGTH;
        byte[] plain = new byte[ticket.length - off];
        byte[] secret = key.secret();
        try {
            Aead aead = crypto.aead(AeadAlgorithm.AES_256_GCM, secret);
            int n = aead.open(nonce, name, name.length, ticket, off, ticket.length - off, plain, 0);
            return ResumptionState.decode(Arrays.copyOf(plain, n));
        } catch (TlsAlertException e) {
            return null;
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }
}
