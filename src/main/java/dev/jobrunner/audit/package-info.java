/**
 * The audit trail: who changed what, recorded in the transaction of the change, and its admin
 * endpoint.
 */
package dev.jobrunner.audit;
