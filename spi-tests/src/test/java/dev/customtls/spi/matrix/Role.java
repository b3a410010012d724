package dev.customtls.spi.matrix;

/** Which side of a matrix cell {@code Custom} plays; the peer plays the other one. */
enum Role {
    /** Custom is the TLS client, the peer the server. */
    CUSTOM_CLIENT("Custom client", "server"),
    /** Custom is the TLS server, the peer the client. */
    CUSTOM_SERVER("Custom server", "client");

    private final String label;
    private final String peerRole;

    Role(String label, String peerRole) {
        this.label = label;
        this.peerRole = peerRole;
    }

    String label() {
        return label;
    }

    /** The role the peer plays: {@code server} or {@code client}. */
    String peerRole() {
        return peerRole;
    }
}
