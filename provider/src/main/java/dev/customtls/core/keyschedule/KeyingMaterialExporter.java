package dev.customtls.core.keyschedule;

import java.util.Arrays;

/**
 * A connection's keying material exporter: TLS 1.3's (RFC 8446 section 7.5) from its exporter_master_secret,
 * TLS 1.2's (RFC 5705 section 4) from its master secret and both randoms. One per connection, made when its
 * handshake completes; a resumed connection has its own (new randoms, or a new exporter_master_secret).
 * Holds a secret: never printed, and {@code toString} names only the version. Thread-safe (immutable).
 */
public abstract sealed class KeyingMaterialExporter {
    /** RFC 8446 section 7.1: HkdfLabel.label is "tls13 " + Label, at most 255 bytes. */
    static final int TLS13_MAX_LABEL = 255 - "tls13 ".length();
    /** RFC 5705 section 4: the context's length is a uint16. */
    static final int TLS12_MAX_CONTEXT = 0xffff;

    private KeyingMaterialExporter() {
    }

    /**
     * The TLS 1.3 exporter of a connection whose exporter_master_secret is {@code exporterMasterSecret}, which it
     * takes over: the caller keeps no other use for the array (the handshake derives it for this alone).
     */
    public static KeyingMaterialExporter tls13(Hkdf hkdf, byte[] exporterMasterSecret) {
        return new Tls13(hkdf, exporterMasterSecret);
    }

    /**
     * The TLS 1.2 exporter of a connection (copies the arguments). Without an extended master secret it
     * refuses to export (RFC 7627 section 5.4: key material of a master secret that is not bound to the
     * handshake must not be exported, since a third party may share it).
     */
    public static KeyingMaterialExporter tls12(Tls12Prf prf, byte[] masterSecret, byte[] clientRandom,
                                               byte[] serverRandom, boolean extendedMasterSecret) {
        return new Tls12(prf, masterSecret.clone(), clientRandom.clone(), serverRandom.clone(), extendedMasterSecret);
    }

    /**
     * Why this connection exports nothing, or null when it does: TLS 1.2 without the extended master secret.
     */
    public abstract String refusal();

    /**
     * The exported keying material.
     *
     * @param label the label, already encoded (JSSE encodes it as UTF-8)
     * @param context the context value, or null for none (TLS 1.2 tells the two apart, TLS 1.3 does not)
     * @param length bytes wanted, at least 1
     * @throws IllegalArgumentException if the label, context or length cannot be encoded in this version's
     *     exporter (message says which)
     * @throws IllegalStateException if {@link #refusal()} is not null
     */
    public abstract byte[] export(byte[] label, byte[] context, int length);

    private static final class Tls13 extends KeyingMaterialExporter {
        private final Hkdf hkdf;
        private final byte[] exporterMasterSecret;

        Tls13(Hkdf hkdf, byte[] exporterMasterSecret) {
            this.hkdf = hkdf;
            this.exporterMasterSecret = exporterMasterSecret;
        }

        @Override
        public String refusal() {
            return null;
        }

        /**
         * TLS-Exporter(label, context_value, key_length) = HKDF-Expand-Label(Derive-Secret(Secret, label, ""),
         * "exporter", Hash(context_value), key_length). An absent context is the empty one (section 7.5); any
         * context length works, as only its hash is encoded.
         */
        @Override
        public byte[] export(byte[] label, byte[] context, int length) {
            if (label.length < 1 || label.length > TLS13_MAX_LABEL) {
                throw new IllegalArgumentException("a TLS 1.3 exporter label is 1 to " + TLS13_MAX_LABEL
                        + " bytes (RFC 8446 section 7.1); this one is " + label.length);
            }
            if (length < 1 || length > 255 * hkdf.hashLength()) {
                throw new IllegalArgumentException("a TLS 1.3 exporter gives 1 to " + 255 * hkdf.hashLength()
                        + " bytes with this suite's hash (RFC 5869 section 2.3); asked for " + length);
            }
            byte[] perLabel = hkdf.expandLabel(exporterMasterSecret, label, hkdf.emptyHash(), hkdf.hashLength());
            try {
                byte[] contextHash = hkdf.hash(context == null ? new byte[0] : context);
                return hkdf.expandLabel(perLabel, "exporter", contextHash, length);
            } finally {
                Arrays.fill(perLabel, (byte) 0);
            }
        }

        @Override
        public String toString() {
            return "KeyingMaterialExporter[TLSv1.3]";
        }
    }

    private static final class Tls12 extends KeyingMaterialExporter {
        private final Tls12Prf prf;
        private final byte[] masterSecret;
        private final byte[] randoms;
        private final boolean extendedMasterSecret;

        Tls12(Tls12Prf prf, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom,
              boolean extendedMasterSecret) {
            this.prf = prf;
            this.masterSecret = masterSecret;
            this.randoms = new byte[clientRandom.length + serverRandom.length];
            System.arraycopy(clientRandom, 0, randoms, 0, clientRandom.length);
            System.arraycopy(serverRandom, 0, randoms, clientRandom.length, serverRandom.length);
            this.extendedMasterSecret = extendedMasterSecret;
        }

        @Override
        public String refusal() {
            return extendedMasterSecret ? null
                    : "this TLSv1.2 connection did not negotiate the extended master secret, and without it keying "
                    + "material must not be exported (RFC 7627 section 5.4)";
        }

        /**
         * PRF(SecurityParameters.master_secret, label, SecurityParameters.client_random +
         * SecurityParameters.server_random [+ context_value_length + context_value])[length] (RFC 5705 section 4).
         */
        @Override
        public byte[] export(byte[] label, byte[] context, int length) {
            String refusal = refusal();
            if (refusal != null) {
                throw new IllegalStateException(refusal);
            }
            if (label.length < 1) {
                throw new IllegalArgumentException("a TLS 1.2 exporter label must not be empty (RFC 5705 section 4)");
            }
            if (context != null && context.length > TLS12_MAX_CONTEXT) {
                throw new IllegalArgumentException("a TLS 1.2 exporter context is at most " + TLS12_MAX_CONTEXT
                        + " bytes (RFC 5705 section 4); this one is " + context.length);
            }
            if (length < 1) {
                throw new IllegalArgumentException("an exporter gives at least 1 byte; asked for " + length);
            }
            byte[] seed = randoms;
            if (context != null) {
                seed = Arrays.copyOf(randoms, randoms.length + 2 + context.length);
                seed[randoms.length] = (byte) (context.length >>> 8);
                seed[randoms.length + 1] = (byte) context.length;
                System.arraycopy(context, 0, seed, randoms.length + 2, context.length);
            }
            return prf.prf(masterSecret, label, seed, length);
        }

        @Override
        public String toString() {
            return "KeyingMaterialExporter[TLSv1.2" + (extendedMasterSecret ? "" : ", refused: no extended master secret")
                    + "]";
        }
    }
}
