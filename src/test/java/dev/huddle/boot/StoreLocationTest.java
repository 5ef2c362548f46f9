package dev.huddle.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which store HUDDLE_DB and --db select: a file, or a PostgreSQL database. */
class StoreLocationTest {

    @TempDir
    Path repo;

    @Test
    void resolve_whenNoOverride_theRepositorysFile() throws Exception {
        Files.createDirectory(repo.resolve(".git"));
        StoreLocation location = StoreLocation.resolve(repo, Map.of(), null);
        Path file = repo.resolve(".git/huddle/huddle.db").toAbsolutePath().normalize();
        assertThat(location.store()).isEqualTo(new StoreAddress.File(file));
        assertThat(location.stateDir()).isEqualTo(file.getParent());
    }

    /** Worktrees share one store: a linked worktree's {@code .git} file leads to the common git directory. */
    @Test
    void resolve_inALinkedWorktree_theRepositorysSharedFile() throws Exception {
        Path main = Files.createDirectories(repo.resolve("main"));
        Path linked = Files.createDirectories(main.resolve(".git/worktrees/wt"));
        Files.writeString(linked.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(repo.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + linked + "\n");
        StoreLocation location = StoreLocation.resolve(worktree, Map.of(), null);
        assertThat(location.store()).isEqualTo(new StoreAddress.File(main.resolve(".git/huddle/huddle.db").toAbsolutePath().normalize()));
        assertThat(location.repoRoot()).isEqualTo(worktree.toAbsolutePath().normalize());
    }

    @Test
    void resolve_whenHuddleDbIsPostgresUrl_postgresStore_stateKeptWhereTheFileWouldBe() throws Exception {
        Files.createDirectory(repo.resolve(".git"));
        StoreLocation location = StoreLocation.resolve(repo, Map.of("HUDDLE_DB", "postgresql://u:pw@h:5433/team"), null);
        assertThat(location.store()).isInstanceOfSatisfying(StoreAddress.Postgres.class,
                p -> assertThat(p.url().display()).isEqualTo("postgresql://u@h:5433/team"));
        assertThat(location.store().toString()).doesNotContain("pw");
        assertThat(location.stateDir()).isEqualTo(repo.resolve(".git/huddle").toAbsolutePath().normalize());
        assertThat(location.repoRoot()).isEqualTo(repo.toAbsolutePath().normalize());
    }

    @Test
    void resolve_whenDbOptionIsJdbcUrl_itWinsOverHuddleDb() {
        StoreLocation location = StoreLocation.resolve(repo, Map.of("HUDDLE_DB", "other.db"), "jdbc:postgresql://h/team");
        assertThat(location.store()).isInstanceOf(StoreAddress.Postgres.class);
    }

    @Test
    void resolve_whenHuddleDbIsAPath_thatFileRelativeToTheWorkingDirectory() {
        StoreLocation location = StoreLocation.resolve(repo, Map.of("HUDDLE_DB", "sub/team.db"), null);
        assertThat(location.store()).isEqualTo(new StoreAddress.File(repo.resolve("sub/team.db").toAbsolutePath().normalize()));
        assertThat(location.stateDir()).isEqualTo(repo.resolve("sub").toAbsolutePath().normalize());
    }
}
