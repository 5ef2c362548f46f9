package dev.huddle.app.session;

import dev.huddle.core.HuddleException;
import java.nio.file.Path;
import java.util.Optional;

/** {@link HookPlaces} of one repository root and its git common directory. */
final class RepositoryPlaces implements HookPlaces {

    private final Path root;
    private final Path common;

    private RepositoryPlaces(Path root, Path common) {
        this.root = root;
        this.common = common;
    }

    static RepositoryPlaces at(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new RepositoryPlaces(r, Worktrees.commonDirOf(r));
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
        Path worktree = Worktrees.around(here);
        if (worktree != null && common != null && common.equals(Worktrees.commonDirOf(worktree))) {
            return Optional.of(new Moved(worktree, root, root.resolve(worktree.relativize(here))));
        }
        throw HuddleException.failed("this hook runs in " + here + ", which is not in the repository this huddle serve"
                + " serves (" + root + "), so its edits cannot be checked there; point HUDDLE_URL (or the hooks' URL) at"
                + " the server of that repository, or unset it");
    }
}
