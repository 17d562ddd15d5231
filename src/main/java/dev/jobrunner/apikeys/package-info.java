/**
 * API keys for machine clients: the admin endpoints that create, list and revoke them (boundary),
 * the authentication mechanism that accepts them before the JWT one, their parsing, storage and
 * last-use throttle (control), and the key and its hashed secret (entity).
 */
package dev.jobrunner.apikeys;
