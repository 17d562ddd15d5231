/**
 * The dashboard: its page at {@code /} and its files under {@code /dashboard/}, served from the
 * WAR.
 */
package dev.jobrunner.dashboard;
