package dev.huddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command lines go through a server, so that Main skips the store's warm-up for them. */
class ThroughServerTest {

    private static final Map<String, String> URL = Map.of("HUDDLE_URL", "http://127.0.0.1:7431");

    @Test
    void withHuddleUrl_storeCommandsGoThroughTheServer_localOnesDoNot() {
        assertThat(Main.throughServer(URL, new String[] {"lock", "src/a.py"})).isTrue();
        assertThat(Main.throughServer(URL, new String[] {"--agent", "alice", "send", "bob", "hi"})).isTrue();
        assertThat(Main.throughServer(URL, new String[] {"hook", "codex", "pre-tool-use"})).isTrue();
        assertThat(Main.throughServer(URL, new String[] {"serve"})).isFalse();
        assertThat(Main.throughServer(URL, new String[] {"token", "issue", "--agent", "a"})).isFalse();
        assertThat(Main.throughServer(URL, new String[] {"init"})).isFalse();
    }

    @Test
    void withoutHuddleUrl_onlyAHookWithUrlGoesThroughAServer() {
        assertThat(Main.throughServer(Map.of(), new String[] {"lock", "src/a.py"})).isFalse();
        assertThat(Main.throughServer(Map.of("HUDDLE_URL", " "), new String[] {"lock", "src/a.py"})).isFalse();
        assertThat(Main.throughServer(Map.of(), new String[] {"hook", "codex", "--url", "http://h:1"})).isTrue();
        assertThat(Main.throughServer(Map.of(), new String[] {"hook", "codex", "--url=http://h:1"})).isTrue();
        assertThat(Main.throughServer(Map.of(), new String[] {"hook", "codex"})).isFalse();
        assertThat(Main.throughServer(Map.of(), new String[] {})).isFalse();
    }
}
