/**
 * Alerts: a signed JSON notification (Standard Webhooks) to the service-wide notification URL and
 * to a job's own {@code notify_url} when a job starts failing, recovers, pauses itself, misses an
 * occurrence, or has a call interrupted or re-sent. Sent through a MicroProfile REST Client on a
 * small bounded queue of its own, behind the same SSRF guard as job calls: a slow or failing
 * receiver never holds up job delivery.
 */
package dev.jobrunner.alerts;
