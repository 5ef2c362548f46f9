package dev.huddle.core.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write-target table of {@link ShellWrites}: each row a command line and exactly the paths it
 * writes, as the README's "Agent integrations: hooks" section documents them.
 */
class ShellWritesTest {

    static List<String> paths(String command) {
        return ShellWrites.of(command).targets().stream().map(EditTarget::path).toList();
    }

    static Arguments row(String command, String... writes) {
        return Arguments.of(command, List.of(writes));
    }

    static Stream<Arguments> detected() {
        return Stream.of(
                // redirections
                row("echo x > out.txt", "out.txt"),
                row("echo x >> log/app.log", "log/app.log"),
                row("echo x >| f", "f"),
                row("cmd &> both.txt", "both.txt"),
                row("cmd &>> both.txt", "both.txt"),
                row("cmd 2> err.txt", "err.txt"),
                row("cmd 2>>err.txt", "err.txt"),
                row("cmd >& all.txt", "all.txt"),
                row("exec 3<> rw.txt", "rw.txt"),
                row("echo x>out.txt", "out.txt"),
                row("echo 'a > b' > \"my file.txt\"", "my file.txt"),
                row("echo x > /tmp/elsewhere", "/tmp/elsewhere"),
                row("echo x > out.txt; echo wrote", "out.txt"),
                row("true && echo x > a || echo y > b", "a", "b"),
                row("(echo x > sub.txt)", "sub.txt"),
                row("{ echo a; echo b; } > group.txt", "group.txt"),
                row("cat <<'EOF' > notes.md\nline > not-a-file\nEOF", "notes.md"),
                row("cat > notes.md <<EOF\nbody with $VAR > ignored\nEOF\necho done > after.txt", "notes.md", "after.txt"),
                row("cat <<-END >tabbed.txt\n\tx > y\n\tEND", "tabbed.txt"),
                row("echo x | tee a.txt", "a.txt"),
                row("echo x | tee -a a.txt b.txt", "a.txt", "b.txt"),
                row("echo x | sudo tee /etc/hosts >/dev/null", "/etc/hosts"),
                // in-place editors
                row("sed -i 's/a/b/' src/a.py", "src/a.py"),
                row("sed -i.bak -e 's/a/b/' -e 's/c/d/' a b", "a", "b"),
                row("sed -n -i 's/a/b/p' f", "f"),
                row("sed --in-place=.orig 's/a/b/' f", "f"),
                row("sed -i '' 's/a/b/' f", "f"),
                row("sed -Ei 's/a+/b/' f", "f"),
                row("perl -pi -e 's/a/b/' x.pl", "x.pl"),
                row("perl -i.bak -pe 's/a/b/' x.pl y.pl", "x.pl", "y.pl"),
                row("gawk -i inplace '{print}' data.txt", "data.txt"),
                // file commands
                row("mv old.py new.py", "new.py", "old.py"),
                row("mv -f a b dir/", "dir/", "a", "b"),
                row("mv -t dir a b", "dir", "a", "b"),
                row("cp src.py dst.py", "dst.py"),
                row("cp -r a b dest", "dest"),
                row("cp --target-directory=dest a", "dest"),
                row("cp -d link copy", "copy"),
                row("install -m 644 a.conf /etc/a.conf", "/etc/a.conf"),
                row("install -d build/out", "build/out"),
                row("ln -sf ../x link", "link"),
                row("ln -s ../shared/config", "config"),
                row("rm -rf build dist", "build", "dist"),
                row("rm -- -weird", "-weird"),
                row("rmdir empty", "empty"),
                row("unlink f", "f"),
                row("shred -n 3 secret", "secret"),
                row("touch a b", "a", "b"),
                row("touch -d 2020-01-01 stamp", "stamp"),
                row("truncate -s 0 big.log", "big.log"),
                row("chmod +x run.sh", "run.sh"),
                row("chmod -R 755 bin", "bin"),
                row("chmod -x run.sh", "run.sh"),
                row("chown root:root f", "f"),
                row("dd if=/dev/zero of=disk.img bs=1M count=1", "disk.img"),
                row("curl -o page.html https://example.com", "page.html"),
                row("curl -sSLo page.html https://example.com", "page.html"),
                row("wget -O out.bin https://example.com/x", "out.bin"),
                // git
                row("git checkout -- a.py b.py", "a.py", "b.py"),
                row("git checkout HEAD~1 -- a.py", "a.py"),
                row("git checkout a.py", "a.py"),
                row("git checkout .", "."),
                row("git restore src/a.py", "src/a.py"),
                row("git restore --source=HEAD~2 --worktree a", "a"),
                row("git rm old.py", "old.py"),
                row("git mv a.py b.py", "a.py", "b.py"),
                row("git reset --hard HEAD", "."),
                row("git clean -fd", "."),
                row("git clean -f build", "build"),
                row("git stash", "."),
                row("git stash pop", "."),
                row("git stash push -- a.py", "a.py"),
                row("git switch main", "."),
                row("git -C sub checkout -- f", "sub/f"),
                row("git apply <<'EOF'\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\nEOF", "x.py"),
                // patches
                row("apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch\nEOF", "hello.txt"),
                row("patch -p1 some/file.c < fix.patch", "some/file.c"),
                // wrappers and nesting
                row("sudo -u www rm /var/www/x", "/var/www/x"),
                row("env FOO=1 BAR=2 touch f", "f"),
                row("FOO=1 touch f", "f"),
                row("FOO=\"a b\" touch f", "f"),
                row("timeout 5 touch f", "f"),
                row("nice -n 5 nohup rm f", "f"),
                row("command rm f", "f"),
                row("/usr/bin/rm f", "f"),
                row("bash -c 'echo x > inner.txt'", "inner.txt"),
                row("sh -lc \"rm -f a\"", "a"),
                row("eval 'touch evaluated'", "evaluated"),
                row("x=$(echo y > sub.txt)", "sub.txt"),
                row("echo `touch bq.txt`", "bq.txt"),
                row("diff <(sort a) <(sort b) > d.txt", "d.txt"),
                // directories and expansion
                row("cd sub && echo x > f", "sub/f"),
                row("cd sub; cd deeper; rm x", "sub/deeper/x"),
                row("(cd sub && rm a); rm b", "sub/a", "b"),
                row("cd /abs && rm x", "/abs/x"),
                row("touch src/{a,b}.py", "src/a.py", "src/b.py"),
                row("rm src/*.py", "src/*.py"),
                row("echo x > 'q{a,b}'", "q{a,b}"),
                row("echo x > a\\ b", "a b"),
                row("echo x > $'tab\\there'", "tab\there"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detected")
    void of_detectsExactlyTheWrittenPaths(String command, List<String> writes) {
        assertThat(paths(command)).containsExactlyElementsOf(writes);
    }

    static Stream<Arguments> readsOnly() {
        return Stream.of(
                row("ls -la"), row("cat a.txt"), row("grep -r x src > /dev/null"), row("echo x 2>&1"),
                row("cmd >&2"), row("cmd 2>/dev/null"), row("cmd > /dev/stderr"), row("cat < in.txt"),
                row("sed 's/a/b/' f"), row("sed -n '1p' f > /dev/null"), row("perl -ne 'print' f"), row("awk '{print}' f"),
                row("git status"), row("git diff > /dev/null"), row("git log"), row("git stash list"),
                row("git restore --staged a.py"), row("git rm --cached a.py"), row("git reset HEAD a.py"),
                row("git clean -n"), row("git checkout -b feature"), row("git switch -c feature"),
                row("command -v rm"), row("cp onlyone"), row("echo 'rm -rf /'"), row("# rm everything"), row("echo x # > nope"),
                row("python3 -c \"print(1)\""), row("grep -c '>' f"), row("cat <<< 'x > y'"), row(""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readsOnly")
    void of_whenNothingIsWritten_noTargets(String command, List<String> none) {
        assertThat(paths(command)).isEmpty();
    }

    @Nested
    class Unresolved {

        @Test
        void of_whenTargetIsComputedAtRunTime_reportedNotGuessed() {
            ShellWrites.Result r = ShellWrites.of("echo x > \"$OUT\"; rm $(cat list); touch ~/x");
            assertThat(r.targets()).isEmpty();
            assertThat(r.unresolved()).hasSize(3);
        }

        @Test
        void of_whenCdGoesSomewhereUnknown_laterRelativeTargetsUnresolved_absoluteOnesKept() {
            ShellWrites.Result r = ShellWrites.of("cd \"$DIR\" && rm a /abs/b");
            assertThat(r.targets()).extracting(EditTarget::path).containsExactly("/abs/b");
            assertThat(r.unresolved()).hasSize(1);
        }

        @Test
        void of_whenXargsOrFindRunCommands_reportedUnresolved() {
            assertThat(ShellWrites.of("find . -name '*.o' -delete").unresolved()).hasSize(1);
            assertThat(ShellWrites.of("ls | xargs rm").unresolved()).hasSize(1);
        }

        @Test
        void of_whenPatchComesFromAFile_reportedUnresolved() {
            assertThat(ShellWrites.of("git apply fix.patch").unresolved()).hasSize(1);
            assertThat(ShellWrites.of("patch -p1 < fix.patch").unresolved()).hasSize(1);
        }
    }

    @Nested
    class Destinations {

        @Test
        void cpAndMv_intoWhatMayBeADirectory_carryTheSourceNames() {
            EditTarget dest = ShellWrites.of("cp src/a.py lib/b.py out").targets().getFirst();
            assertThat(dest.path()).isEqualTo("out");
            assertThat(dest.entries()).containsExactly("a.py", "b.py");
        }

        @Test
        void of_whenTextIsBrokenOrHostile_neverThrows() {
            for (String odd : List.of("echo \"unclosed > x", "cat <<EOF", "$(", "`", "a >", "> ", "((((", "'", "$'\\",
                    "echo ${", "x=$((1+2)) > f", "echo \\", "<(", "{a,{b,c}}", "rm {", "cd;cd;cd", "\u0000 > \u0001")) {
                ShellWrites.of(odd);
            }
            assertThat(paths("x=$((1+2)) > f")).containsExactly("f");
        }

        @Test
        void of_nestedTooDeep_stopsAtTheLimit() {
            String command = "touch top";
            for (int i = 0; i < 20; i++) {
                command = "echo $(" + command + ")";
            }
            assertThat(ShellWrites.of(command).targets()).isEmpty();
            assertThat(paths("echo $(echo $(touch shallow))")).containsExactly("shallow");
        }
    }
}
