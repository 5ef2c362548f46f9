package dev.huddle.it;

import static dev.huddle.it.Outcomes.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §8: everything that holds the store's data is its owner's only, whatever the umask of the
 * process that writes it: the store, {@code backup}, {@code export --jsonl} and every page and
 * directory of {@code export --markdown}. The umask can only take bits away, so a too-open one
 * (000) and one that takes the owner's own bits (0277) are both tried.
 */
class PrivateModesIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "umask {0}")
    @ValueSource(strings = {"000", "022", "0277"})
    void storeBackupAndExports_whateverTheUmask_files0600_directories0700(String umask) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo/.git")).getParent();
        HuddleProcess huddle = HuddleProcess.in(repo).withDb(dir.resolve("store/huddle.db")).as("alice")
                .wrappedIn(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        succeed(huddle.run("register", "alice"));
        succeed(huddle.run("send", "alice", "a private note"));

        succeed(huddle.run("backup", dir.resolve("backup.db").toString()));
        succeed(huddle.run("export", "--jsonl", dir.resolve("dump.jsonl").toString()));
        succeed(huddle.run("export", "--markdown", dir.resolve("mirror/pages").toString()));

        assertThat(mode(dir.resolve("store"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("store/huddle.db"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("backup.db"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("dump.jsonl"))).isEqualTo("rw-------");
        try (Stream<Path> mirror = Files.walk(dir.resolve("mirror"))) {
            assertThat(mirror.toList()).hasSizeGreaterThan(3).allSatisfy(p -> assertThat(mode(p)).as("%s", p)
                    .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        }
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
