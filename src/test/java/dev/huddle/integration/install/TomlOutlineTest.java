package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlOutlineTest {

    @Test
    void of_readsHeadersWithQuotedKeys_andAssignmentsWithFullPaths() {
        TomlOutline o = TomlOutline.of("""
                model = "gpt-5"  # a comment
                [projects."/a b/ré\\"po"]
                trust_level = 'trusted'
                [hooks . state]
                "k:1".trusted_hash = "sha256:x"
                [[profiles]]
                name = "x"
                """);

        assertThat(o.headers()).extracting(TomlOutline.Header::path).containsExactly(
                List.of("projects", "/a b/ré\"po"), List.of("hooks", "state"), List.of("profiles"));
        assertThat(o.assignments()).extracting(a -> String.join("|", a.path()) + "=" + a.text()).containsExactly(
                "model=gpt-5", "projects|/a b/ré\"po|trust_level=trusted", "hooks|state|k:1|trusted_hash=sha256:x",
                "profiles|name=x");
        assertThat(o.unreadable()).isEmpty();
    }

    @Test
    void of_skipsMultiLineStringsAndArrays() {
        TomlOutline o = TomlOutline.of("""
                notes = \"""
                [not.a.header]
                key = "no"
                \"""
                list = [
                  "a", # ]
                  { x = "[" },
                ]
                raw = '''
                [nope]'''
                [after]
                k = 1
                """);

        assertThat(o.headers()).extracting(TomlOutline.Header::path).containsExactly(List.of("after"));
        assertThat(o.assignments()).extracting(a -> String.join(".", a.path())).containsExactly("notes", "list", "raw", "after.k");
        assertThat(o.assignments().get(3).text()).isNull();
    }

    @Test
    void of_countsLinesItCannotRead() {
        assertThat(TomlOutline.of("ok = 1\nthis is not toml\n[bad\n").unreadable()).containsExactly(2, 3);
    }
}
