package dev.huddle.app;

import java.nio.file.Path;

/**
 * Where the caller stands: the repository root that confines every lease path, and the working
 * directory relative paths are read from. Both absolute and normalised.
 */
public record Workspace(Path root, Path cwd) {

    public Workspace {
        root = root.toAbsolutePath().normalize();
        cwd = cwd.toAbsolutePath().normalize();
    }
}
