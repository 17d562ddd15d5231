/**
 * What every endpoint shares: the one error shape ({@code {"error": ...}}) and the mapper that
 * produces it for every failure, the strict JSON request body reader and the field rules of request
 * bodies, pagination, preconditions (ETag, If-Match), ids, and text made safe to echo. No feature
 * logic.
 */
package dev.jobrunner.api;
