package dev.huddle.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.boot.StoreLocation;
import dev.huddle.core.HuddleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a hook through the server is checked (docs/decisions.md, "Command hooks through the server"). */
class HookPlacesTest {

    @TempDir
    Path dir;
    Path repo;
    Path worktree;

    /** A repository, a linked worktree of it laid out as git does, and another repository. */
    @BeforeEach
    void setUp() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        Path linked = Files.createDirectories(repo.resolve(".git/worktrees/wt"));
        Files.writeString(linked.resolve("commondir"), "../..\n");
        worktree = Files.createDirectories(dir.resolve("wt/src"));
        worktree = worktree.getParent();
        Files.writeString(worktree.resolve(".git"), "gitdir: " + linked + "\n");
        Files.createDirectories(dir.resolve("other/.git"));
        Files.createDirectories(dir.resolve("other/src"));
    }

    @Test
    void place_inTheRepository_isAsItSays() {
        HookPlaces places = HookPlaces.at(repo, StoreLocation::commonDir);
        assertThat(places.place(repo)).isEmpty();
        assertThat(places.place(repo.resolve("src/deep"))).isEmpty();
        assertThat(places.place(null)).isEmpty();
    }

    @Test
    void place_inALinkedWorktree_movesToTheRoot() {
        assertThat(HookPlaces.at(repo, StoreLocation::commonDir).place(worktree.resolve("src")))
                .contains(new HookPlaces.Moved(worktree, repo, repo.resolve("src")));
        assertThat(HookPlaces.at(repo, StoreLocation::commonDir).place(worktree)).contains(new HookPlaces.Moved(worktree, repo, repo));
    }

    @Test
    void place_inAnotherRepositoryOrNone_isRefused_sayingWhatToDo() {
        for (Path elsewhere : new Path[] {dir.resolve("other/src"), dir}) {
            assertThatThrownBy(() -> HookPlaces.at(repo, StoreLocation::commonDir).place(elsewhere)).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.getMessage()).contains("this hook runs in " + elsewhere, "(" + repo + ")",
                            "point HUDDLE_URL (or the hooks' URL) at the server of that repository, or unset it"));
        }
    }

    @Test
    void place_withNoRootKnown_movesAndRefusesNothing() {
        assertThat(HookPlaces.at(null, StoreLocation::commonDir).place(dir.resolve("other/src"))).isEqualTo(Optional.empty());
        assertThat(HookPlaces.nowhere().place(worktree)).isEqualTo(Optional.empty());
    }
}
