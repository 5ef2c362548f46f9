package dev.huddle.app.task;

import dev.huddle.core.task.Dependency;

/** A dependency added or removed; {@code changed} false when it already was (or was not) there. */
public record DependencyChange(Dependency dependency, boolean changed) {}
