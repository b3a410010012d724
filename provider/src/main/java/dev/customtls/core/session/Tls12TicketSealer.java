package dev.customtls.core.session;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seals and opens TLS 1.2 session tickets (RFC 5077 section 4): {@code key_name(16) || nonce(12) ||
 * AES-256-GCM(state) || tag(16)}, with the key name and a TLS 1.2 label as additional data, so a TLS 1.3
 * ticket sealed under the same {@link TicketKeySource} never opens here (nor the reverse). The sealed state is the suite, the EMS
 * flag, the master secret, the creation time, ALPN, SNI and the client's certificates. A ticket that does
 * not open (unknown or expired key, tampering, bad encoding) is simply not used: the server falls back to
 * a full handshake (RFC 5077 section 3.3).
 */
public final class Tls12TicketSealer {
    private static final int NONCE_LENGTH = 12;
    private static final int VERSION = 1;

    private static final byte[] LABEL = "customtls TLS 1.2 ticket".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final TicketKeySource keys;
    private final TlsCrypto crypto;
    private final java.util.function.LongSupplier clock;

    /** A sealer over the server's ticket keys (shared with TLS 1.3 tickets). */
    public Tls12TicketSealer(TicketKeySource keys, TlsCrypto crypto) {
        this(keys, crypto, System::currentTimeMillis);
    }

    /** As above with a clock in milliseconds (for tests). */
    public Tls12TicketSealer(TicketKeySource keys, TlsCrypto crypto, java.util.function.LongSupplier clock) {
        this.keys = keys;
        this.crypto = crypto;
        this.clock = clock;
    }

    private static byte[] additionalData(byte[] keyName) {
        byte[] aad = Arrays.copyOf(keyName, keyName.length + LABEL.length);
        System.arraycopy(LABEL, 0, aad, keyName.length, LABEL.length);
        return aad;
    }

    /** Seals {@code state} into a ticket. */
    public byte[] seal(Tls12SessionState state) {
        TlsWriter w = new TlsWriter(256);
        w.u8(VERSION);
        w.u16(state.suite().code());
        w.u8(state.extendedMasterSecret() ? 1 : 0);
        w.opaque8(state.masterSecret());
        w.u32(state.creationTime() / 1000);
        w.opaque8(state.applicationProtocol().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        w.opaque8(state.serverName().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int m = w.startVector24();
        for (X509Certificate c : state.peerCertificates()) {
            try {
                w.opaque24(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw TlsAlertException.internalError("Cannot encode the peer certificate into a ticket", e);
            }
        }
        w.endVector24(m);
        byte[] plain = w.toByteArray();
        TicketKey key = keys.sealingKey(clock.getAsLong());
        byte[] nonce = new byte[NONCE_LENGTH];
        crypto.secureRandom().nextBytes(nonce);
        byte[] out = new byte[TicketKey.NAME_LENGTH + NONCE_LENGTH + plain.length + AeadAlgorithm.AES_256_GCM.tagLength()];
        byte[] name = key.name();
        System.arraycopy(name, 0, out, 0, TicketKey.NAME_LENGTH);
        System.arraycopy(nonce, 0, out, TicketKey.NAME_LENGTH, NONCE_LENGTH);
        byte[] secret = key.secret();
        Aead aead = crypto.aead(AeadAlgorithm.AES_256_GCM, secret);
        Arrays.fill(secret, (byte) 0);
        byte[] aad = additionalData(name);
        aead.seal(nonce, aad, aad.length, plain, 0, plain.length, out, TicketKey.NAME_LENGTH + NONCE_LENGTH);
        Arrays.fill(plain, (byte) 0);
        return out;
    }

    /** Opens a ticket; null if it cannot be used for any reason. */
    public Tls12SessionState open(byte[] ticket, byte[] sessionId) {
        int header = TicketKey.NAME_LENGTH + NONCE_LENGTH;
        int tag = AeadAlgorithm.AES_256_GCM.tagLength();
        if (ticket.length < header + tag) {
            return null;
        }
        TicketKey key = keys.openingKey(ticket, 0, clock.getAsLong());
        if (key == null) {
            return null;
        }
        byte[] nonce = Arrays.copyOfRange(ticket, TicketKey.NAME_LENGTH, header);
        byte[] plain = new byte[ticket.length - header - tag];
        byte[] secret = key.secret();
        byte[] aad = additionalData(key.name());
        try {
            crypto.aead(AeadAlgorithm.AES_256_GCM, secret)
                    .open(nonce, aad, aad.length, ticket, header, ticket.length - header, plain, 0);
            return decode(plain, sessionId);
        } catch (CertificateException | RuntimeException e) {
            return null;
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static Tls12SessionState decode(byte[] plain, byte[] sessionId) throws CertificateException {
        TlsReader r = new TlsReader(plain);
        if (r.u8() != VERSION) {
            return null;
        }
        CipherSuite suite = CipherSuite.fromCode(r.u16());
        boolean ems = r.u8() == 1;
        byte[] master = r.opaque8();
        long created = r.u32() * 1000;
        String alpn = new String(r.opaque8(), java.nio.charset.StandardCharsets.UTF_8);
        String sni = new String(r.opaque8(), java.nio.charset.StandardCharsets.US_ASCII);
        TlsReader certs = r.vector24();
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        while (certs.hasRemaining()) {
            chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(certs.opaque24())));
        }
        r.ensureEmpty("ticket");
        if (suite == null || suite.isTls13() || master.length != 48) {
            return null;
        }
        Tls12SessionState s = new Tls12SessionState(sessionId, suite, master, ems, chain, List.of(), alpn, sni,
                created, new byte[0], 0);
        Arrays.fill(master, (byte) 0);
        return s;
    }
}
