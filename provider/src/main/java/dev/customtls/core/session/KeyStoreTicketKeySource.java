package dev.customtls.core.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * A {@link TicketKeySource} over a PKCS#12 key store file of secret-key entries, for servers behind one
 * load balancer: give every server the same file and each opens the tickets of the others.
 *
 * <ul>
 *   <li>Each secret-key entry is a ticket key; a 32-byte (AES-256) key is used as is, any other length is
 *       hashed with SHA-256 to 32 bytes. The key name is derived from the key (SHA-256 of a label and the
 *       key, first 16 bytes), so every server computes the same name.</li>
 *   <li>The entry with the newest creation date seals new tickets (ties: the greatest alias); every entry
 *       opens tickets. Rotate by adding a new entry; retire a key by deleting its entry.</li>
 *   <li>The file is re-read when its modification time changes (checked at most once a second).</li>
 * </ul>
 */
public final class KeyStoreTicketKeySource implements TicketKeySource {
    private static final byte[] NAME_LABEL = "dev.customtls ticket key name".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final char[] password;
    private List<TicketKey> keys = List.of();
    private long loadedModified = Long.MIN_VALUE;
    private long lastCheck = Long.MIN_VALUE;

    /**
     * @throws IllegalArgumentException if the file cannot be read or holds no secret key
     */
    public KeyStoreTicketKeySource(Path file, char[] password) {
        this.file = file;
        this.password = password == null ? new char[0] : password.clone();
        reload(0);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Key store " + file + " holds no secret key entry");
        }
    }

    @Override
    public synchronized TicketKey sealingKey(long nowMillis) {
        maybeReload(nowMillis);
        return keys.get(0);
    }

    @Override
    public synchronized TicketKey openingKey(byte[] ticket, int off, long nowMillis) {
        maybeReload(nowMillis);
        for (TicketKey k : keys) {
            if (k.hasName(ticket, off)) {
                return k;
            }
        }
        return null;
    }

    private void maybeReload(long now) {
        if (now - lastCheck < 1000) {
            return;
        }
        lastCheck = now;
        try {
            if (Files.getLastModifiedTime(file).toMillis() != loadedModified) {
                reload(now);
            }
        } catch (IOException | IllegalArgumentException e) {
            // Keep the keys we have: a half-written or vanished file must not stop the server.
        }
    }

    private void reload(long now) {
        try (InputStream in = Files.newInputStream(file)) {
            long modified = Files.getLastModifiedTime(file).toMillis();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            record Entry(String alias, Date created, TicketKey key) { }
            List<Entry> entries = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                    continue;
                }
                Key key = ks.getKey(alias, password);
                byte[] encoded = key.getEncoded();
                if (encoded == null || encoded.length == 0) {
                    continue;
                }
                byte[] secret = encoded.length == TicketKey.SECRET_LENGTH ? encoded
                        : MessageDigest.getInstance("SHA-256").digest(encoded);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(NAME_LABEL);
                byte[] name = Arrays.copyOf(md.digest(secret), TicketKey.NAME_LENGTH);
                Date created = ks.getCreationDate(alias);
                entries.add(new Entry(alias, created == null ? new Date(0) : created,
                        new TicketKey(name, secret, created == null ? 0 : created.getTime())));
                Arrays.fill(secret, (byte) 0);
                Arrays.fill(encoded, (byte) 0);
            }
            entries.sort((a, b) -> {
                int c = b.created().compareTo(a.created());
                return c != 0 ? c : b.alias().compareTo(a.alias());
            });
            List<TicketKey> loaded = new ArrayList<>();
            for (Entry e : entries) {
                loaded.add(e.key());
            }
            if (!loaded.isEmpty()) {
                keys = List.copyOf(loaded);
                loadedModified = modified;
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read ticket keys from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "KeyStoreTicketKeySource[" + file + "]";
    }
}
