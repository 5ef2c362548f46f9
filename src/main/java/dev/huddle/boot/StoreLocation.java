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
 * has one, else in the working directory. {@code HUDDLE_DB} (or --db) overrides the file.
 */
public record StoreLocation(Path repoRoot, Path database) {

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
                Path db = override(override, start).orElse(commonDir(dotGit).resolve("huddle").resolve("huddle.db"));
                return new StoreLocation(dir, db);
            }
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".huddle"))) {
                return new StoreLocation(dir, override(override, start).orElse(dir.resolve(".huddle/huddle.db")));
            }
        }
        return new StoreLocation(start, override(override, start).orElse(start.resolve(".huddle/huddle.db")));
    }

    private static java.util.Optional<Path> override(String value, Path cwd) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        if (value.startsWith("postgresql:") || value.startsWith("postgres:") || value.startsWith("jdbc:postgresql:")) {
            throw HuddleException.failed("PostgreSQL stores are not supported by this version yet; "
                    + "unset HUDDLE_DB (or --db) to use the embedded SQLite store");
        }
        return java.util.Optional.of(cwd.resolve(value).normalize());
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
