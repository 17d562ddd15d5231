/**
 * Secrets at rest and on the wire: the AES-GCM key ring that seals job secrets, and Standard
 * Webhooks signatures.
 */
package dev.jobrunner.secrets;
