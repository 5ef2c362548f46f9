package dev.huddle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomlReaderTest {

    private static Map<String, Map<String, Object>> parse(String text) {
        return TomlReader.parse(text, "huddle.toml");
    }

    private static Object value(String line) {
        return parse("[t]\nk = " + line + "\n").get("t").get("k");
    }

    @Nested
    class Values {

        @Test
        void parse_whenTablesAndKeys_keptInFileOrder() {
            var tables = parse("top = 1\n[a]\nx = 2\n[a.b]\ny = 3\n");
            assertThat(tables).containsOnlyKeys("", "a", "a.b");
            assertThat(tables.get("")).containsEntry("top", 1L);
            assertThat(tables.get("a.b")).containsEntry("y", 3L);
        }

        @Test
        void parse_whenScalars_typedValues() {
            assertThat(value("42")).isEqualTo(42L);
            assertThat(value("-1_000")).isEqualTo(-1000L);
            assertThat(value("true")).isEqualTo(true);
            assertThat(value("\"text\"")).isEqualTo("text");
            assertThat(value("'C:\\raw\\n'")).isEqualTo("C:\\raw\\n");
            assertThat(value("[\"a\", 'b', 3]")).isEqualTo(List.of("a", "b", 3L));
            assertThat(value("[]")).isEqualTo(List.of());
        }

        @Test
        void parse_whenBasicStringEscapes_decoded() {
            assertThat(value("\"tab\\there\\nnew \\\"q\\\" back\\\\\"")).isEqualTo("tab\there\nnew \"q\" back\\");
        }

        @Test
        void parse_whenHashInsideStrings_notAComment() {
            assertThat(value("\"a # b\"  # real comment")).isEqualTo("a # b");
            assertThat(value("'#lit'#c")).isEqualTo("#lit");
            assertThat(value("[\"x#1\", \"y\"] # c")).isEqualTo(List.of("x#1", "y"));
        }

        @Test
        void parse_whenEscapedQuoteThenHashInString_hashKeptInString() {
            assertThat(value("\"say \\\" # not a comment\"")).isEqualTo("say \" # not a comment");
        }

        @Test
        void parse_whenCommentsBlankLinesAndCrLf_ignored() {
            var tables = parse("# header\r\n\r\n[presence]   # trailing\r\nactive_minutes = 7 # why\r\n");
            assertThat(tables.get("presence")).containsExactly(Map.entry("active_minutes", 7L));
        }

        @Test
        void parse_whenQuotedKey_unquoted() {
            assertThat(parse("[t]\n\"odd key\" = 1\n").get("t")).containsKey("odd key");
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                [t]\\nk = 1\\njust words          | huddle.toml:3:
                [t]\\nk =                         | huddle.toml:2:
                [t\\n                             | huddle.toml:1:
                [[t]]\\n                          | huddle.toml:1:
                [t]\\nk = \\"open                 | huddle.toml:2:
                a = 1\\n\\n[t]\\nk = [1, 2        | huddle.toml:4:
                [t]\\nk = 1.5                     | huddle.toml:2:
                [t]\\nk = \\"bad \\\\q escape\\"  | huddle.toml:2:
                [bad name]                        | huddle.toml:1:
                [t]\\nk = 99999999999999999999    | huddle.toml:2:
                """)
        void parse_whenMalformedLine_errorNamesFileAndLine(String text, String prefix) {
            String toml = text.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            assertThatThrownBy(() -> parse(toml)).isInstanceOf(HuddleException.class).hasMessageStartingWith(prefix);
        }

        @Test
        void parse_whenKeySetTwice_errorNamesKeyAndLine() {
            assertThatThrownBy(() -> parse("[t]\nk = 1\nk = 2\n")).hasMessage("huddle.toml:3: key 'k' is set twice");
        }

        @Test
        void parse_whenTableTwice_errorNamesTable() {
            assertThatThrownBy(() -> parse("[t]\n[t]\n")).hasMessageContaining("huddle.toml:2:")
                    .hasMessageContaining("[t]");
        }
    }
}
