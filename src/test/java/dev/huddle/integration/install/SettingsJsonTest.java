package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {

    static final Path FILE = Path.of("/repo/.claude/settings.json");

    @Nested
    class Write {

        @Test
        void write_likeJsonStringifyWithTwoSpaces_andAFinalNewline() {
            String text = SettingsJson.write(SettingsJson.read("{\"a\":{\"b\":[1,\"x\"],\"c\":{}},\"d\":[],\"e\":true,\"f\":null}", FILE));

            assertThat(text).isEqualTo("""
                    {
                      "a": {
                        "b": [
                          1,
                          "x"
                        ],
                        "c": {}
                      },
                      "d": [],
                      "e": true,
                      "f": null
                    }
                    """);
        }

        @Test
        void write_keepsKeyOrderAndNumberText() {
            String text = SettingsJson.write(SettingsJson.read("{\"z\": 1.50, \"a\": 12345678901234567890, \"m\": -0.0, \"e\": 1e3}", FILE));

            assertThat(text).isEqualTo("{\n  \"z\": 1.50,\n  \"a\": 12345678901234567890,\n  \"m\": 0.0,\n  \"e\": 1E+3\n}\n");
        }

        @Test
        void write_escapesAsJavaScriptDoes_nonAsciiStaysRaw() {
            StringBuilder out = new StringBuilder();
            SettingsJson.string(out, "q\"b\\n\n\t\u0001é😀/\ud800x");

            assertThat(out.toString()).isEqualTo("\"q\\\"b\\\\n\\n\\t\\u0001é😀/\\ud800x\"");
        }

        @Test
        void readThenWrite_ofItsOwnOutput_isTheSameText() {
            String text = SettingsJson.write(Map.of("hooks", Map.of("Stop", List.of(Map.of("hooks", List.of())))));

            assertThat(SettingsJson.write(SettingsJson.read(text, FILE))).isEqualTo(text);
        }
    }

    @Nested
    class Read {

        @Test
        void read_whenBlank_isAnEmptyObject() {
            assertThat(SettingsJson.read(" \n", FILE)).isEmpty();
        }

        @Test
        void read_whenMalformed_namesTheFileAndLine() {
            assertThatThrownBy(() -> SettingsJson.read("{\n  \"a\": 1,\n  \"b\": ,\n}", FILE))
                    .isInstanceOf(HuddleException.class)
                    .hasMessageContaining("/repo/.claude/settings.json is not valid JSON at line 3")
                    .hasMessageContaining("nothing was written");
        }

        @Test
        void read_whenAComment_saysCommentsWouldBeLost() {
            assertThatThrownBy(() -> SettingsJson.read("{\n  // mine\n  \"a\": 1\n}", FILE))
                    .hasMessageContaining("line 2").hasMessageContaining("comments are not JSON");
        }

        @Test
        void read_whenTextAfterTheObject_isRefused() {
            assertThatThrownBy(() -> SettingsJson.read("{}\n{}", FILE)).hasMessageContaining("line 2");
        }

        @Test
        void read_whenADuplicateKey_isRefused() {
            assertThatThrownBy(() -> SettingsJson.read("{\"a\": 1,\n\"a\": 2}", FILE))
                    .hasMessageContaining("line 2").hasMessageContaining("'a'");
        }

        @Test
        void read_whenNotAnObject_isRefused() {
            assertThatThrownBy(() -> SettingsJson.read("[1, 2]", FILE)).hasMessageContaining("must hold a JSON object");
        }
    }
}
