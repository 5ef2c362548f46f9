package dev.huddle.app.overview;

/** What {@code gc} removed and how presence stands after it. */
public record Collected(int leasesPurged, long active, long idle, long stale, long offline) {}
