/**
 * The service's own log lines for operators: one line per finished run (never a header value or a
 * body), and the switch to JSON lines for log shippers.
 */
package dev.jobrunner.logs;
