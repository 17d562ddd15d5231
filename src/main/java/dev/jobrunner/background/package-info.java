/**
 * Work that repeats on the wall clock (every second, every minute) on the container's managed
 * scheduled executor, outliving any failure of one run, such as a database outage.
 */
package dev.jobrunner.background;
