/**
 * The permission names the API checks ({@code job_runner:read}, {@code job_runner:write}, {@code
 * job_runner:admin}).
 */
package dev.jobrunner.security;
