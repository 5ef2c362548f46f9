package dev.huddle.app.session;

import dev.huddle.core.HuddleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@link HookPlaces} of one repository root and its git common directory. */
final class RepositoryPlaces implements HookPlaces {

    private final Path root;
    private final UnaryOperator<Path> commonDir;
    private final Path common;

    RepositoryPlaces(Path root, UnaryOperator<Path> commonDir) {
        this.root = root.toAbsolutePath().normalize();
        this.commonDir = commonDir;
        this.common = commonDirOf(this.root);
    }

    @Override
    public Optional<Moved> place(Path cwd) {
        if (cwd == null) {
            return Optional.empty();
        }
        Path here = cwd.toAbsolutePath().normalize();
        if (here.startsWith(root)) {
            return Optional.empty();
        }
        Path worktree = worktreeAround(here);
        if (worktree != null && common != null && common.equals(commonDirOf(worktree))) {
            return Optional.of(new Moved(worktree, root, root.resolve(worktree.relativize(here))));
        }
        throw HuddleException.failed("this hook runs in " + here + ", which is not in the repository this huddle serve"
                + " serves (" + root + "), so its edits cannot be checked there; point HUDDLE_URL (or the hooks' URL) at"
                + " the server of that repository, or unset it");
    }

    /** The nearest directory at or above {@code dir} holding a {@code .git}; null if none. */
    private static Path worktreeAround(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return null;
    }

    /** The worktree's common git directory, absolute; null when it has none or it cannot be read. */
    private Path commonDirOf(Path worktree) {
        Path dotGit = worktree.resolve(".git");
        if (!Files.exists(dotGit)) {
            return null;
        }
        try {
            return commonDir.apply(dotGit).toAbsolutePath().normalize();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
