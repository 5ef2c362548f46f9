package dev.huddle.app.overview;

/** The store's location and whether {@code init} created it. */
public record Initialised(String location, boolean created) {}
