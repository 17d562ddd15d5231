/**
 * The service's instances, which several servers on one database make one service: each registers,
 * beats every second, watches the others' beats on its own clock, declares a silent one dead, and
 * settles the runs a gone instance was sending by their jobs' delivery guarantee. The data grid,
 * where there is one, only shortens the wait; the database decides.
 */
package dev.jobrunner.cluster;
