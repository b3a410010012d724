package dev.customtls.core.session;

import java.util.Arrays;
import java.util.Objects;

/**
 * One ticket-protection key: a 16-byte key name carried in the clear at the start of each ticket (so
 * the server finds the key that sealed it) and a 32-byte AES-256-GCM key. The key is never printed.
 *
 * @param name          16 bytes identifying the key
 * @param secret        32 bytes of AES key
 * @param createdMillis when the key became the sealing key
 */
public record TicketKey(byte[] name, byte[] secret, long createdMillis) {
    public static final int NAME_LENGTH = 16;
    public static final int SECRET_LENGTH = 32;

    public TicketKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        if (name.length != NAME_LENGTH || secret.length != SECRET_LENGTH) {
            throw new IllegalArgumentException("ticket key name must be 16 bytes and secret 32 bytes");
        }
        name = name.clone();
        secret = secret.clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Whether {@code candidate} is this key's name (not secret, so no constant-time comparison is needed). */
    public boolean hasName(byte[] candidate, int off) {
        return candidate.length - off >= NAME_LENGTH
                && Arrays.equals(name, 0, NAME_LENGTH, candidate, off, off + NAME_LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TicketKey k && Arrays.equals(k.name, name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name);
    }

    @Override
    public String toString() {
        return "TicketKey[created=" + createdMillis + "]";
    }
}
