/**
 * Plain-words descriptions of what crosses the wire: names of protocol code points, handshake messages and
 * certificates, as the command line's trace and the {@code javax.net.debug} log print them. Only public
 * values are described; opaque ones (key shares, tickets, signatures, Finished data) by their length.
 */
package dev.customtls.core.text;
