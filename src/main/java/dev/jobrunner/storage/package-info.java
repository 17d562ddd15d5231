/**
 * The database: which one (embedded H2 or PostgreSQL), the data source, schema migrations at start,
 * and how instants are stored.
 */
package dev.jobrunner.storage;
