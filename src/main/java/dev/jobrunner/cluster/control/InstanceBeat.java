package dev.jobrunner.cluster.control;

import java.util.Optional;

/**
 * A live instance as the registry shows it: who, how many beats so far, and its data-grid member,
 * if any.
 */
public record InstanceBeat(String id, String name, long beats, Optional<String> gridMember) {}
