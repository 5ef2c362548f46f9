package dev.huddle.integration.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorHooksTest {

    static final Path FILE = Path.of("/repo/.cursor/hooks.json");
    final HookFormat cursor = HookFormat.of(Program.CURSOR);

    @Test
    void install_intoAMissingFile_writesVersionOneAndCursorsEvents() {
        String text = SettingsJson.write(cursor.install(Map.of(), PlannedHook.of(Program.CURSOR), "/h/huddle", FILE));

        assertThat(text).startsWith("{\n  \"version\": 1,\n  \"hooks\": {\n    \"sessionStart\": [\n      {\n"
                + "        \"command\": \"/h/huddle hook cursor sessionStart\"\n      }\n    ],");
        assertThat(text).contains("\"beforeShellExecution\"", "\"afterFileEdit\"", "\"stop\"");
    }

    @Test
    void install_keepsTheUsersHandlers_isIdempotent_andUninstallGivesThemBack() {
        Map<String, Object> user = SettingsJson.read("""
                {"hooks": {"beforeShellExecution": [{"command": "./audit.sh"}]}, "version": 1}
                """, FILE);

        Map<String, Object> once = cursor.install(user, PlannedHook.of(Program.CURSOR), "/h/huddle", FILE);
        Map<String, Object> twice = cursor.install(once, PlannedHook.of(Program.CURSOR), "/h/huddle", FILE);

        assertThat(SettingsJson.write(twice)).isEqualTo(SettingsJson.write(once)).contains("./audit.sh");
        assertThat(SettingsJson.write(cursor.uninstall(once, FILE))).isEqualTo(SettingsJson.write(user));
    }

    @Test
    void isBare_whenOnlyTheVersionIsLeft() {
        Map<String, Object> created = cursor.install(Map.of(), PlannedHook.of(Program.CURSOR), "/h/huddle", FILE);

        assertThat(cursor.isBare(cursor.uninstall(created, FILE))).isTrue();
        assertThat(cursor.isBare(Map.of("version", 2))).isFalse();
    }
}
