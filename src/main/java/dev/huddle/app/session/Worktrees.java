package dev.huddle.app.session;

import dev.huddle.core.HuddleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A repository's worktrees on disk: which one a directory is in, and the git directory they share. */
public final class Worktrees {

    private Worktrees() {}

    /** The nearest directory at or above {@code dir} holding a {@code .git}; null if none. */
    static Path around(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return null;
    }

    /** The common git directory of the worktree {@code worktree}, absolute; null when it has none or it cannot be read. */
    static Path commonDirOf(Path worktree) {
        Path dotGit = worktree.resolve(".git");
        if (!Files.exists(dotGit)) {
            return null;
        }
        try {
            return commonDir(dotGit).toAbsolutePath().normalize();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * The directory shared by all worktrees: {@code .git} itself, or for a linked worktree (whose
     * {@code .git} is a file naming its private git dir) the dir named by that dir's {@code commondir}.
     */
    public static Path commonDir(Path dotGit) {
        try {
            if (Files.isDirectory(dotGit)) {
                return dotGit;
            }
            String line = Files.readString(dotGit).strip();
            if (!line.startsWith("gitdir:")) {
                throw HuddleException.failed(dotGit + " is not a git directory link ('gitdir: ...' expected)");
            }
            Path gitDir = dotGit.getParent().resolve(line.substring("gitdir:".length()).strip()).normalize();
            Path commonFile = gitDir.resolve("commondir");
            return Files.exists(commonFile)
                    ? gitDir.resolve(Files.readString(commonFile).strip()).normalize()
                    : gitDir;
        } catch (IOException e) {
            throw HuddleException.failed("cannot read " + dotGit + ": " + e.getMessage());
        }
    }
}
