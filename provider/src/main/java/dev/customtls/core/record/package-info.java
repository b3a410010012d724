/**
 * The record layer of the sans-IO core (RFC 8446 section 5, RFC 5246 section 6.2): header validation,
 * fragmentation arithmetic, and AEAD record protection for TLS 1.3 and TLS 1.2, one object per direction
 * and traffic key, each owning its sequence number and scratch nonce / additional-data arrays so that
 * sealing and opening a record allocate nothing. Errors are {@link dev.customtls.core.error.TlsAlertException}s
 * carrying the alert the RFC names; misuse by the caller is {@code internal_error}.
 */
package dev.customtls.core.record;
