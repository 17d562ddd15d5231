/**
 * What the scheduling core tells the rest of the service, as CDI events: a run ended (with its
 * outcome, lateness and what follows), a job paused itself, a call was re-sent after a takeover.
 * The core fires them after its own commit and knows nothing of who listens; metrics, run log lines
 * and alerts observe them ({@code during = AFTER_SUCCESS}, so a rolled-back change is never
 * reported).
 */
package dev.jobrunner.events;
