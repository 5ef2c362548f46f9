package dev.huddle.app.session;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a hook call's paths are checked, seen from a server's repository (docs/decisions.md,
 * "Command hooks through the server"). On the file, a hook's repository is the one it runs in, and
 * a path outside it is none of Huddle's business. A server has one repository root: a hook of a
 * linked worktree of the same repository (same git common directory, same store) names its files
 * under its own worktree, which the server would read as outside its repository and let through.
 * So its paths move to the server's root first (a worktree's {@code src/a.py} is the repository's
 * {@code src/a.py}, as leases are shared between worktrees); a hook running in another repository
 * altogether is refused, since the server cannot check its edits.
 */
public interface HookPlaces {

    /**
     * A hook of the linked worktree {@code worktree}: every path under it is read under
     * {@code root}, and its working directory is {@code cwd}.
     */
    record Moved(Path worktree, Path root, Path cwd) {}

    /**
     * Where a hook running in {@code cwd} is checked: empty when as it says (in the repository,
     * or no directory known), moved when it runs in a linked worktree of the repository. Throws a
     * {@link dev.huddle.core.HuddleException} saying what to do when it runs anywhere else.
     */
    Optional<Moved> place(Path cwd);

    /**
     * For a server whose workspace root is {@code root}; null: unknown, nothing is moved or refused.
     * {@code commonDir} reads the git directory a worktree's {@code .git} (a directory, or a linked
     * worktree's file) shares with the other worktrees: how a repository is laid out on disk is the
     * boot layer's (it finds the store the same way), not this policy's.
     */
    static HookPlaces at(Path root, UnaryOperator<Path> commonDir) {
        return root == null ? cwd -> Optional.empty() : new RepositoryPlaces(root, commonDir);
    }

    /** Knows no root: nothing is moved or refused (a server built without one, in tests). */
    static HookPlaces nowhere() {
        return cwd -> Optional.empty();
    }
}
