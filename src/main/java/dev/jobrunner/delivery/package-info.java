/**
 * The outbound HTTP call and its safety: one pooled HttpClient with timeouts and a body cap, the
 * SSRF guard on the addresses actually connected to, and the outcome of a call, kept structured.
 * Knows nothing of jobs: callers hand it an {@code OutboundCall}.
 */
package dev.jobrunner.delivery;
