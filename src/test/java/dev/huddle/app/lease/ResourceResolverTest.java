package dev.huddle.app.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.Workspace;
import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver on real files and links in a temporary repository (docs/decisions.md "Paths through the file system"). */
class ResourceResolverTest {

    @TempDir
    Path base;
    Path repo;
    Path outside;

    @BeforeEach
    void tree() throws IOException {
        repo = Files.createDirectories(base.resolve("repo"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("src/sub"));
        Files.writeString(repo.resolve("src/a.py"), "a");
        Files.writeString(repo.resolve("src/sub/b.py"), "b");
    }

    ResourceResolver resolver() {
        return new ResourceResolver(new Workspace(repo, repo));
    }

    String resolve(String input) {
        return resolver().resolve(input).resource().text();
    }

    void link(String at, String target) throws IOException {
        Files.createSymbolicLink(repo.resolve(at), Path.of(target));
    }

    @Test
    void plainSpellings_areLexicalAsBefore() {
        assertThat(resolve("src/a.py")).isEqualTo("src/a.py");
        assertThat(resolve("./src//a.py")).isEqualTo("src/a.py");
        assertThat(resolve(repo + "/src/a.py")).isEqualTo("src/a.py");
        assertThat(resolve("src/new/x.py")).isEqualTo("src/new/x.py");
        assertThat(resolve("name:port-3000")).isEqualTo("name:port-3000");
    }

    @Test
    void aLinkToAFile_isTheFile() throws IOException {
        link("lf", "src/a.py");
        assertThat(resolve("lf")).isEqualTo("src/a.py");
    }

    @Test
    void aLinkToADirectory_leadsIntoIt_existingOrNot() throws IOException {
        link("link", "src");
        assertThat(resolve("link/a.py")).isEqualTo("src/a.py");
        assertThat(resolve("link/new.py")).isEqualTo("src/new.py");
        assertThat(resolve("link")).isEqualTo("src");
    }

    @Test
    void aChainOfLinks_isFollowedToTheEnd() throws IOException {
        link("l1", "l2");
        link("l2", "src/l3");
        link("src/l3", "sub");
        assertThat(resolve("l1/b.py")).isEqualTo("src/sub/b.py");
    }

    @Test
    void dotDotAfterALink_isTheParentOfItsTarget() throws IOException {
        link("deep", "src/sub");
        assertThat(resolve("deep/../a.py")).isEqualTo("src/a.py");
    }

    @Test
    void aDanglingLinkInside_isFollowedToWhereItPoints() throws IOException {
        link("dl", "src/later.py");
        link("dd", "src/later");
        assertThat(resolve("dl")).isEqualTo("src/later.py");
        assertThat(resolve("dd/x.py")).isEqualTo("src/later/x.py");
    }

    @Test
    void aLinkOutOfTheRepository_isRefused_whetherItsTargetExistsOrNot() throws IOException {
        link("out", outside.toString());
        link("up", "..");
        for (String spelling : List.of("out", "out/x.py", "up/x", "up/outside/new")) {
            assertThatThrownBy(() -> resolve(spelling)).as(spelling)
                    .isInstanceOf(HuddleException.class)
                    .hasMessageContaining("leads out of the repository")
                    .hasMessageContaining("is a symbolic link to")
                    .extracting(e -> ((HuddleException) e).kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT);
        }
        assertThatThrownBy(() -> resolve("up/x")).hasMessage("'up/x' leads out of the repository: up is a symbolic"
                + " link to .., outside " + repo + "; name the file by its path inside the repository");
    }

    @Test
    void aLinkOutThatComesBackIn_isWhereItLands() throws IOException {
        link("up", "..");
        assertThat(resolve("up/repo/src/a.py")).isEqualTo("src/a.py");
    }

    @Test
    void linksThatLoop_areRefusedWithOneLine() throws IOException {
        link("loop1", "loop2");
        link("loop2", "loop1");
        assertThatThrownBy(() -> resolve("loop1/x")).isInstanceOf(HuddleException.class)
                .hasMessageContaining("more than 40 symbolic links (a loop?)");
    }

    @Test
    void nameWithGlobCharactersReachedThroughALink_staysLiteral() throws IOException {
        Files.writeString(repo.resolve("src/a[1].py"), "x");
        link("odd", "src/a[1].py");
        assertThat(resolve("odd")).isEqualTo("src/a\\[1].py");
    }

    @Test
    void aGlobThroughALinkedDirectory_isTheGlobInTheTarget() throws IOException {
        link("link", "src");
        assertThat(resolve("link/*.py")).isEqualTo("src/*.py");
        assertThat(resolve("link/../*.py")).isEqualTo("*.py");
    }

    @Test
    void aGlobWhoseWildcardsReachALinkedDirectory_alsoCoversTheTarget() throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        Files.createDirectories(repo.resolve("src/api"));
        link("docs/api", "../src/api");
        Resolved r = resolver().resolve("docs/**");
        assertThat(r.resource().text()).isEqualTo("docs/**");
        assertThat(r.implied()).extracting(Resource::text).containsExactly("src/api/**");
        assertThat(resolver().resolve(List.of("docs/**/*.md"))).extracting(Resource::text)
                .containsExactly("docs/**/*.md", "src/api/**/*.md");
    }

    @Test
    void aGlobMatchingALinkToAFile_alsoCoversTheFile() throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        link("docs/a.py", "../src/a.py");
        assertThat(resolver().resolve("docs/*.py").implied()).extracting(Resource::text).containsExactly("src/a.py");
        assertThat(resolver().resolve("docs/*.md").implied()).isEmpty();
    }

    @Test
    void aGlobReachingOutThroughALink_coversNothingOutside() throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        link("docs/ext", outside.toString());
        assertThat(resolver().resolve("docs/**").implied()).isEmpty();
    }

    @Test
    void aGlobReachingALinkBackIntoItself_endsTheScan() throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        link("docs/self", ".");
        link("docs/top", "..");
        assertThat(resolver().resolve("docs/**").implied()).extracting(Resource::text).containsExactly("**");
    }

    @Test
    void aGlobReachingTooManyLinks_isRefusedWithWhatToDo() throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        for (int i = 0; i <= GlobLinks.MAX_IMPLIED; i++) {
            Files.createDirectories(repo.resolve("t/d" + i));
            link("docs/l" + i, "../t/d" + i);
        }
        assertThatThrownBy(() -> resolve("docs/**")).isInstanceOf(HuddleException.class)
                .hasMessageContaining("reaches more than " + GlobLinks.MAX_IMPLIED + " places through symbolic links");
    }

    @Test
    void theWholeRepository_isRefusedAsAPath_andIsDoubleStarAsAWriteTarget() throws IOException {
        link("here", ".");
        assertThatThrownBy(() -> resolve("here")).hasMessageContaining("names the whole repository");
        assertThat(resolver().target(repo.resolve("here"))).extracting(Resource::text).containsExactly("**");
    }

    @Test
    void writeTargets_outsideOrLooping_areNothingToCheck() throws IOException {
        link("out", outside.toString());
        link("loop", "loop");
        assertThat(resolver().target(repo.resolve("out/x"))).isEmpty();
        assertThat(resolver().target(repo.resolve("loop"))).isEmpty();
        assertThat(resolver().target(repo.resolve("src/../src/a.py"))).extracting(Resource::text).containsExactly("src/a.py");
    }

    @Test
    void aWriteTargetThroughALinkFromOutside_landsInTheRepository() throws IOException {
        Files.createSymbolicLink(outside.resolve("shortcut"), repo);
        assertThat(resolver().target(outside.resolve("shortcut/src/a.py"))).extracting(Resource::text)
                .containsExactly("src/a.py");
    }

    @Test
    void onAFileSystemThatFoldsCase_spellingsDifferingInCaseAreOneResource() {
        ResourceResolver folding = new ResourceResolver(new Workspace(repo, repo), root -> true);
        assertThat(folding.resolve("SRC/A.py").resource().text()).isEqualTo("src/a.py");
        assertThat(folding.resolve("Src/*.PY").resource().text()).isEqualTo("src/*.py");
        assertThat(folding.resolve("name:Deploy").resource().text()).isEqualTo("name:Deploy");
    }

    @Test
    void caseProbe_onThisFileSystem_findsNoFolding_andSeesFoldingWhereTwoCasesAreOneFile() throws IOException {
        assertThat(CaseProbe.fileSystem().foldsCase(repo)).isFalse();
        // No case-folding file system can be mounted here: a link makes ".GIT" the same file as
        // ".git", which is what the probe asks of a folding one.
        Files.createSymbolicLink(repo.resolve(".GIT"), Path.of(".git"));
        assertThat(CaseProbe.fileSystem().foldsCase(repo)).isTrue();
    }

    @Test
    void tasksFilesResolvedAgain_followTheLinksAsTheyAreNow() throws IOException {
        link("cur", "src");
        List<Resource> stored = List.of(Resource.fromText("cur"), Resource.fromText("lib/x.py"));
        assertThat(resolver().again(stored)).extracting(Resource::text).containsExactly("src", "lib/x.py");
    }
}
