package dev.huddle.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MiniJson} reads and writes what {@link Json} (jackson-jr) does, on the hook payloads and beyond. */
class MiniJsonTest {

    static Stream<Path> recordedPayloads() throws Exception {
        Path root = Path.of(MiniJsonTest.class.getResource("/hook-payloads").toURI());
        return Files.walk(root).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("recordedPayloads")
    void readObject_everyRecordedPayload_sameAsJackson(Path payload) throws Exception {
        String text = Files.readString(payload);
        assertThat(numbersAsText(MiniJson.readObject(text))).isEqualTo(numbersAsText(Json.readObject(text)));
        assertThat(MiniJson.write(MiniJson.readObject(text))).isEqualTo(Json.write(Json.readObject(text)));
    }

    @Test
    void write_everyEscape_sameAsJackson_andReadsBack() {
        StringBuilder all = new StringBuilder("quote \" backslash \\ slash / tab\t nl\n é 漢 😀 \u2028");
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", all.toString());
        doc.put("list", List.of(1L, -2L, 2.5, true, false, "x"));
        doc.put("nothing", null);
        doc.put("nested", Map.of("k", List.of()));
        assertThat(MiniJson.write(doc)).isEqualTo(Json.write(doc)).doesNotContain("nothing");
        doc.remove("nothing");
        assertThat(MiniJson.readObject(MiniJson.write(doc))).isEqualTo(doc);
    }

    @Test
    void readObject_randomStrings_roundTripThroughJackson() {
        Random random = new Random(42);
        for (int n = 0; n < 500; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(20); k > 0; k--) {
                s.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD7FF)));
            }
            Map<String, Object> doc = Map.of(s.toString(), s.toString());
            assertThat(MiniJson.readObject(Json.write(doc))).isEqualTo(doc);
            assertThat(MiniJson.write(doc)).isEqualTo(Json.write(doc));
        }
    }

    @Test
    void readObject_escapesAndNumbers() {
        Map<String, Object> doc = MiniJson.readObject(
                "{\"a\":\"\\u00e9\\ud83d\\ude00\\n\\/\",\"n\":-12,\"big\":12345678901234567890,\"d\":1.5e3,\"a\":\"last\"}");
        assertThat(doc).containsEntry("a", "last").containsEntry("n", -12L).containsEntry("d", 1500.0);
        assertThat(doc.get("big")).isEqualTo(1.2345678901234567e19);
        // Every long stays a long, 19 digits included (fencing tokens, Lamport times through the API).
        assertThat(MiniJson.readObject("{\"max\":9223372036854775807,\"min\":-9223372036854775808}"))
                .containsEntry("max", Long.MAX_VALUE).containsEntry("min", Long.MIN_VALUE);
        assertThat(MiniJson.readObject("{\"s\":\"\\u00e9\\ud83d\\ude00\"}")).containsEntry("s", "é😀");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "[]", "\"x\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}",
            "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"unterminated}", "{\"a\":1} x",
            "{\"a\":\"\u0001\"}", "{a:1}", "{\"a\":-}", "{\"a\":1.2.3}"})
    void readObject_whenNotOneJsonObject_illegalArgumentNamingIt(String text) {
        assertThatThrownBy(() -> MiniJson.readObject(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON: ");
    }

    @Test
    void readObject_whenNestedTooDeep_refusedWithoutOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> MiniJson.readObject(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper");
        assertThat(MiniJson.readObject("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")).containsKey("a");
    }

    /** Jackson-jr reads small integers as Integer; compare numbers by their decimal text. */
    private static Object numbersAsText(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, numbersAsText(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(numbersAsText(v)));
            return out;
        }
        return value instanceof Number n ? n.toString() : value;
    }
}
