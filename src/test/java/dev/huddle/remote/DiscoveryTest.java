package dev.huddle.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path store;

    private final Discovery mine = Discovery.forThisProcess(URI.create("http://127.0.0.1:7431"));

    @Test
    void write_thenRead_givesTheRecord_inAFileOnlyItsOwnerCanRead() throws IOException {
        mine.write(store);
        assertThat(Discovery.read(store)).contains(mine);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve(Discovery.FILE)))).isEqualTo("rw-------");
        assertThat(store).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void forThisProcess_makesAFreshLongCredential_eachTime() {
        Discovery other = Discovery.forThisProcess(mine.url());
        assertThat(mine.credential()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(other.credential());
        assertThat(mine.toString()).doesNotContain(mine.credential());
    }

    @Test
    void accepts_onlyTheExactCredential() {
        assertThat(mine.accepts(mine.credential())).isTrue();
        assertThat(mine.accepts(mine.credential() + "x")).isFalse();
        assertThat(mine.accepts(mine.credential().substring(1))).isFalse();
        assertThat(mine.accepts("")).isFalse();
        assertThat(mine.accepts(null)).isFalse();
    }

    @Test
    void read_aRecordOfAProcessThatEnded_isStale() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        new Discovery(mine.url(), ended.pid(), Optional.empty(), mine.credential()).write(store);
        assertThat(Discovery.read(store)).isEmpty();
    }

    @Test
    void read_aReusedPid_isStale() throws IOException {
        new Discovery(mine.url(), mine.pid(), mine.processStart().map(t -> t.minusSeconds(5)), mine.credential()).write(store);
        assertThat(Discovery.read(store)).isEmpty();
    }

    @Test
    void read_aFileOthersCanRead_orALink_orJunk_isNotTrusted() throws IOException {
        mine.write(store);
        Path file = store.resolve(Discovery.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Discovery.read(store)).isEmpty();

        Path elsewhere = Files.createDirectory(store.resolve("elsewhere"));
        mine.write(elsewhere);
        Files.delete(file);
        Files.createSymbolicLink(file, elsewhere.resolve(Discovery.FILE));
        assertThat(Discovery.read(store)).isEmpty();

        Files.delete(file);
        Files.writeString(file, "{\"url\":", java.nio.charset.StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(Discovery.read(store)).isEmpty();
    }

    @Test
    void read_noFile_isEmpty() {
        assertThat(Discovery.read(store)).isEmpty();
    }

    @Test
    void removeIfOurs_leavesAnotherServersFile() throws IOException {
        Discovery newer = Discovery.forThisProcess(mine.url());
        newer.write(store);
        mine.removeIfOurs(store);
        assertThat(Discovery.read(store)).contains(newer);
        newer.removeIfOurs(store);
        assertThat(store.resolve(Discovery.FILE)).doesNotExist();
    }
}
