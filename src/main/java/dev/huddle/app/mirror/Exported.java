package dev.huddle.app.mirror;

/** Where an export went and how much it wrote: lines of a dump, or files of a mirror. */
public record Exported(String path, long count) {}
