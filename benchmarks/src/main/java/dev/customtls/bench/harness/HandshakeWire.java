package dev.customtls.bench.harness;

import dev.customtls.core.constants.ContentType;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import java.nio.ByteBuffer;

/**
 * Reads the plaintext part of each side's first flight off the wire, so that every benchmark iteration can
 * prove what it measured: the ClientHello (key shares, {@code pre_shared_key}), and the server's plaintext
 * handshake messages: ServerHello (selected version, suite, key share group, {@code pre_shared_key}, or a
 * HelloRetryRequest) and, in TLS 1.2, Certificate and ServerKeyExchange.
 *
 * <p>In TLS 1.3 everything after the ServerHello is encrypted (RFC 8446 section 2), so a resumed handshake
 * is recognised by the {@code pre_shared_key} extension (0x0029) in the plaintext ServerHello
 * (RFC 8446 section 4.2.11): a server that selects a PSK sends no Certificate (section 4.4.2).
 *
 * <p>Allocation-free: handshake bytes of a flight are gathered into one reused scratch array (a handshake
 * message may span records, RFC 8446 section 5.1). Not a validating parser: malformed input throws
 * {@link IllegalStateException}, which fails the benchmark.
 */
public final class HandshakeWire {

    /** Legacy record version and TLS 1.2 wire version (RFC 8446 section 4.1.3). */
    public static final int TLS12 = 0x0303;
    /** TLS 1.3 in supported_versions (RFC 8446 section 4.2.1). */
    public static final int TLS13 = 0x0304;

    /** SHA-256("HelloRetryRequest"): the ServerHello.random of a HelloRetryRequest (RFC 8446 section 4.1.3). */
    private static final byte[] HRR_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private final byte[] scratch = new byte[1 << 16];

    private boolean clientHelloSeen;
    private boolean clientOffersPsk;
    private int clientKeyShareCount;
    private int clientFirstKeyShareGroup;

    private boolean serverHelloSeen;
    private boolean helloRetryRequest;
    private int serverVersion;
    private int serverCipherSuite;
    private boolean serverSelectsPsk;
    private int serverKeyShareGroup;
    private boolean serverSentCertificate;
    private int serverKeyExchangeGroup;

    /** Forgets the previous connection. */
    public void reset() {
        clientHelloSeen = false;
        clientOffersPsk = false;
        clientKeyShareCount = 0;
        clientFirstKeyShareGroup = -1;
        serverHelloSeen = false;
        helloRetryRequest = false;
        serverVersion = -1;
        serverCipherSuite = -1;
        serverSelectsPsk = false;
        serverKeyShareGroup = -1;
        serverSentCertificate = false;
        serverKeyExchangeGroup = -1;
    }

    /** Reads the client's first flight: bytes {@code [0, position)} of a buffer in write mode. */
    public void readClientFlight(ByteBuffer wire) {
        int n = gatherHandshake(wire);
        int off = 0;
        while (off + 4 <= n) {
            int type = scratch[off] & 0xff;
            int len = u24(off + 1);
            int body = off + 4;
            requireWithin(body, len, n);
            if (type == HandshakeType.CLIENT_HELLO) {
                parseClientHello(body, body + len);
            }
            off = body + len;
        }
    }

    /** Reads the server's first flight: bytes {@code [0, position)} of a buffer in write mode. */
    public void readServerFlight(ByteBuffer wire) {
        int n = gatherHandshake(wire);
        int off = 0;
        while (off + 4 <= n) {
            int type = scratch[off] & 0xff;
            int len = u24(off + 1);
            int body = off + 4;
            requireWithin(body, len, n);
            if (type == HandshakeType.SERVER_HELLO) {
                parseServerHello(body, body + len);
            } else if (type == HandshakeType.CERTIFICATE) {
                serverSentCertificate = true;
            } else if (type == HandshakeType.SERVER_KEY_EXCHANGE && len >= 3 && scratch[body] == 3) {
                serverKeyExchangeGroup = u16(body + 1); // ECParameters: named_curve (RFC 8422 section 5.4)
            }
            off = body + len;
        }
    }

    /**
     * Checks the last connection against what the benchmark claims to measure, or throws
     * {@link IllegalStateException} naming the mismatch.
     *
     * @param version {@link #TLS13} or {@link #TLS12}
     * @param cipherSuite the expected suite code
     * @param group the expected (EC)DHE group code
     * @param resumed whether the handshake must be a TLS 1.3 PSK resumption
     */
    public void expect(int version, int cipherSuite, int group, boolean resumed) {
        if (!clientHelloSeen || !serverHelloSeen) {
            fail("no ClientHello/ServerHello seen on the wire");
        }
        if (helloRetryRequest) {
            fail("server sent a HelloRetryRequest (key share group not pinned?)");
        }
        if (serverVersion != version) {
            fail("negotiated version 0x" + Integer.toHexString(serverVersion));
        }
        if (serverCipherSuite != cipherSuite) {
            fail("negotiated cipher suite 0x" + Integer.toHexString(serverCipherSuite)
                    + ", expected 0x" + Integer.toHexString(cipherSuite));
        }
        if (version == TLS13) {
            if (clientKeyShareCount != 1 || clientFirstKeyShareGroup != group) {
                fail("ClientHello carries " + clientKeyShareCount + " key share(s), first group 0x"
                        + Integer.toHexString(clientFirstKeyShareGroup) + "; expected one of group 0x"
                        + Integer.toHexString(group));
            }
            if (serverKeyShareGroup != group) {
                fail("ServerHello key share group 0x" + Integer.toHexString(serverKeyShareGroup));
            }
            if (clientOffersPsk != resumed || serverSelectsPsk != resumed) {
                fail(resumed ? "not resumed (client psk " + clientOffersPsk + ", server psk " + serverSelectsPsk + ")"
                        : "full handshake expected but pre_shared_key is on the wire");
            }
        } else {
            if (resumed) {
                fail("TLS 1.2 resumption is not benchmarked");
            }
            if (!serverSentCertificate) {
                fail("TLS 1.2 full handshake expected but the server sent no Certificate (resumed?)");
            }
            if (serverKeyExchangeGroup != group) {
                fail("ServerKeyExchange group 0x" + Integer.toHexString(serverKeyExchangeGroup));
            }
        }
    }

    public boolean clientOffersPsk() {
        return clientOffersPsk;
    }

    public boolean serverSelectsPsk() {
        return serverSelectsPsk;
    }

    public int serverCipherSuite() {
        return serverCipherSuite;
    }

    public int serverVersion() {
        return serverVersion;
    }

    private static void fail(String what) {
        throw new IllegalStateException("wire check failed: " + what);
    }

    /** Copies the payloads of the leading handshake records (RFC 8446 section 5.1) into the scratch array. */
    private int gatherHandshake(ByteBuffer wire) {
        int end = wire.position();
        int off = 0;
        int n = 0;
        while (off + 5 <= end) {
            int type = wire.get(off) & 0xff;
            int len = ((wire.get(off + 3) & 0xff) << 8) | (wire.get(off + 4) & 0xff);
            if (type != ContentType.HANDSHAKE) {
                break; // ChangeCipherSpec or encrypted records follow the plaintext part
            }
            if (off + 5 + len > end || n + len > scratch.length) {
                fail("truncated or oversized handshake record");
            }
            for (int i = 0; i < len; i++) {
                scratch[n + i] = wire.get(off + 5 + i);
            }
            n += len;
            off += 5 + len;
        }
        return n;
    }

    /** ClientHello (RFC 8446 section 4.1.2): skips to the extensions. */
    private void parseClientHello(int off, int end) {
        clientHelloSeen = true;
        off += 2 + 32;                          // legacy_version, random
        off += 1 + (scratch[off] & 0xff);       // legacy_session_id
        off += 2 + u16(off);                    // cipher_suites
        off += 1 + (scratch[off] & 0xff);       // legacy_compression_methods
        if (off + 2 > end) {
            return;
        }
        int extEnd = off + 2 + u16(off);
        requireWithin(off + 2, extEnd - off - 2, end);
        off += 2;
        while (off + 4 <= extEnd) {
            int type = u16(off);
            int len = u16(off + 2);
            int data = off + 4;
            requireWithin(data, len, extEnd);
            if (type == ExtensionType.PRE_SHARED_KEY) {
                clientOffersPsk = true;
            } else if (type == ExtensionType.KEY_SHARE) {
                readClientShares(data + 2, data + 2 + u16(data)); // KeyShareClientHello (section 4.2.8)
            }
            off = data + len;
        }
    }

    private void readClientShares(int off, int end) {
        while (off + 4 <= end) {
            if (clientKeyShareCount == 0) {
                clientFirstKeyShareGroup = u16(off);
            }
            clientKeyShareCount++;
            off += 4 + u16(off + 2);
        }
    }

    /** ServerHello (RFC 8446 section 4.1.3; RFC 5246 section 7.4.1.3 for TLS 1.2). */
    private void parseServerHello(int off, int end) {
        serverHelloSeen = true;
        serverVersion = u16(off);
        helloRetryRequest = matches(off + 2, HRR_RANDOM);
        off += 2 + 32;
        off += 1 + (scratch[off] & 0xff);       // legacy_session_id_echo
        serverCipherSuite = u16(off);
        off += 2 + 1;                           // cipher_suite, legacy_compression_method
        if (off + 2 > end) {
            return;
        }
        int extEnd = off + 2 + u16(off);
        requireWithin(off + 2, extEnd - off - 2, end);
        off += 2;
        while (off + 4 <= extEnd) {
            int type = u16(off);
            int len = u16(off + 2);
            int data = off + 4;
            requireWithin(data, len, extEnd);
            if (type == ExtensionType.SUPPORTED_VERSIONS && len == 2) {
                serverVersion = u16(data);
            } else if (type == ExtensionType.KEY_SHARE && len >= 2) {
                serverKeyShareGroup = u16(data);
            } else if (type == ExtensionType.PRE_SHARED_KEY) {
                serverSelectsPsk = true;
            }
            off = data + len;
        }
    }

    private boolean matches(int off, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (scratch[off + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private int u16(int off) {
        return ((scratch[off] & 0xff) << 8) | (scratch[off + 1] & 0xff);
    }

    private int u24(int off) {
        return ((scratch[off] & 0xff) << 16) | ((scratch[off + 1] & 0xff) << 8) | (scratch[off + 2] & 0xff);
    }

    private static void requireWithin(int off, int len, int end) {
        if (len < 0 || off + len > end) {
            fail("malformed handshake message");
        }
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
