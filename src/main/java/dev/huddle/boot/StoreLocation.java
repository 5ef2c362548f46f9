package dev.huddle.boot;

import dev.huddle.core.HuddleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store and the repository are (DESIGN §3), found without spawning git: inside a
 * repository the store is {@code <git common dir>/huddle/huddle.db}, shared by every worktree
 * and never committed; outside git it is {@code .huddle/huddle.db} in the nearest ancestor that
 * has one, else in the working directory. {@code HUDDLE_DB} (or --db) overrides the store: another
 * file, or a PostgreSQL URL ({@link StoreAddress}).
 *
 * @param store    the store to open
 * @param stateDir where this repository keeps local state beside the store (the server record):
 *                 the store file's directory, or for PostgreSQL the directory the file would be in
 */
public record StoreLocation(Path repoRoot, StoreAddress store, Path stateDir) {

    /** The location of an SQLite file. */
    public static StoreLocation file(Path repoRoot, Path database) {
        return new StoreLocation(repoRoot, new StoreAddress.File(database), database.toAbsolutePath().getParent());
    }

    /**
     * The store of the repository (or {@code .huddle} folder) around {@code cwd}, or the one the
     * override names; empty where {@link #resolve} would make up a new store in {@code cwd} itself.
     * A hook must not: an edit checked against an empty store made up in {@code /} is not checked.
     */
    public static java.util.Optional<StoreLocation> find(Path cwd, Map<String, String> env, String dbOverride) {
        StoreLocation location = resolve(cwd, env, dbOverride);
        Path start = cwd.toAbsolutePath().normalize();
        boolean madeUp = location.repoRoot().equals(start) && !Files.exists(start.resolve(".git"))
                && !Files.isDirectory(start.resolve(".huddle"));
        String override = dbOverride != null ? dbOverride : env.get("HUDDLE_DB");
        return madeUp && (override == null || override.isBlank()) ? java.util.Optional.empty()
                : java.util.Optional.of(location);
    }

    public static StoreLocation resolve(Path cwd, Map<String, String> env, String dbOverride) {
        Path start = cwd.toAbsolutePath().normalize();
        String override = dbOverride != null ? dbOverride : env.get("HUDDLE_DB");
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.exists(dotGit)) {
                return at(dir, commonDir(dotGit).resolve("huddle").resolve("huddle.db"), override, start);
            }
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".huddle"))) {
                return at(dir, dir.resolve(".huddle/huddle.db"), override, start);
            }
        }
        return at(start, start.resolve(".huddle/huddle.db"), override, start);
    }

    /** The default file of {@code repoRoot}, unless the override names another store. */
    private static StoreLocation at(Path repoRoot, Path defaultFile, String override, Path cwd) {
        if (override == null || override.isBlank()) {
            return file(repoRoot, defaultFile);
        }
        return switch (StoreAddress.parse(override, cwd)) {
            case StoreAddress.File f -> file(repoRoot, f.path());
            case StoreAddress.Postgres p -> new StoreLocation(repoRoot, p, defaultFile.toAbsolutePath().getParent());
        };
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
