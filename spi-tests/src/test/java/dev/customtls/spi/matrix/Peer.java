package dev.customtls.spi.matrix;

/**
 * A TLS implementation {@code Custom} is tested against. Each peer says which cells it cannot do and why,
 * and runs a cell: it starts its side (a child process or a thread), lets {@link CustomEndpoint} drive
 * {@code Custom}'s side over a socket, checks what it can see from its end, and stops everything it
 * started (every resource goes through {@link CellRun#track}).
 */
interface Peer {

    /** Column title, e.g. {@code openssl 3.0.19}. */
    String name();

    /** Throws {@link AssertionError} when the peer's binary is missing: a missing peer fails its cells. */
    void requireInstalled();

    /** Null when the peer can play the other side of {@code cell}; else the reason it cannot. */
    String notApplicable(Cell cell, Role role);

    /** Runs one cell; throws on any failure. */
    void run(CellRun run) throws Exception;
}
