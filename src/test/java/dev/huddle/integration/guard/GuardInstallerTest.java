package dev.huddle.integration.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.integration.guard.GuardInstaller.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardInstallerTest {

    @TempDir
    Path hooks;

    @Test
    void install_intoAnEmptyDirectory_writesExecutableHooks_andAgainChangesNothing() throws IOException {
        assertThat(GuardInstaller.install(hooks, "/h/huddle", false)).extracting(GuardInstaller.Outcome::action)
                .containsExactly(Action.INSTALLED, Action.INSTALLED);
        String preCommit = Files.readString(hooks.resolve("pre-commit"));

        assertThat(GuardInstaller.install(hooks, "/h/huddle", false)).extracting(GuardInstaller.Outcome::action)
                .containsExactly(Action.UNCHANGED, Action.UNCHANGED);
        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo(preCommit);
        assertThat(Files.isExecutable(hooks.resolve("pre-push"))).isTrue();
    }

    @Test
    void install_keepsAnExistingHookAsChained_uninstallPutsItBack() throws IOException {
        Path existing = hooks.resolve("pre-commit");
        Files.writeString(existing, "#!/bin/sh\nnpm test\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));

        var installed = GuardInstaller.install(hooks, "/h/huddle", false);

        assertThat(installed.getFirst().chained()).isTrue();
        assertThat(Files.readString(hooks.resolve("pre-commit.huddle-chained"))).isEqualTo("#!/bin/sh\nnpm test\n");
        assertThat(HookScript.isHuddles(Files.readString(existing))).isTrue();

        assertThat(GuardInstaller.uninstall(hooks, false)).extracting(GuardInstaller.Outcome::action)
                .containsExactly(Action.RESTORED, Action.REMOVED);
        assertThat(Files.readString(existing)).isEqualTo("#!/bin/sh\nnpm test\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-x---");
        assertThat(hooks.resolve("pre-commit.huddle-chained")).doesNotExist();
        assertThat(hooks.resolve("pre-push")).doesNotExist();
    }

    @Test
    void install_afterTheLauncherMoved_updatesTheHooks() throws IOException {
        GuardInstaller.install(hooks, "/old/huddle", false);

        assertThat(GuardInstaller.install(hooks, "/new/huddle", false)).extracting(GuardInstaller.Outcome::action)
                .containsExactly(Action.UPDATED, Action.UPDATED);
        assertThat(Files.readString(hooks.resolve("pre-commit"))).contains("'/new/huddle'").doesNotContain("/old/");
    }

    @Test
    void install_keepsASymlinkedHook_byMovingTheLinkItself(@TempDir Path elsewhere) throws IOException {
        Path target = elsewhere.resolve("hook.sh");
        Files.writeString(target, "#!/bin/sh\nexit 0\n");
        Files.createSymbolicLink(hooks.resolve("pre-push"), target);

        GuardInstaller.install(hooks, "/h/huddle", false);

        assertThat(Files.isSymbolicLink(hooks.resolve("pre-push.huddle-chained"))).isTrue();
        assertThat(Files.readString(target)).isEqualTo("#!/bin/sh\nexit 0\n");
        GuardInstaller.uninstall(hooks, false);
        assertThat(Files.isSymbolicLink(hooks.resolve("pre-push"))).isTrue();
    }

    @Test
    void install_whenAForeignHookAndAChainedOneBothExist_refusesAndChangesNothing() throws IOException {
        Files.writeString(hooks.resolve("pre-commit"), "#!/bin/sh\nmine\n");
        Files.writeString(hooks.resolve("pre-commit.huddle-chained"), "#!/bin/sh\nold\n");

        assertThatThrownBy(() -> GuardInstaller.install(hooks, "/h/huddle", false)).hasMessageContaining("merge them by hand");

        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo("#!/bin/sh\nmine\n");
    }

    @Test
    void uninstall_leavesAForeignHookAlone() throws IOException {
        Files.writeString(hooks.resolve("pre-commit"), "#!/bin/sh\nmine\n");

        assertThat(GuardInstaller.uninstall(hooks, false)).extracting(GuardInstaller.Outcome::action)
                .containsExactly(Action.LEFT_ALONE, Action.NOT_INSTALLED);
        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo("#!/bin/sh\nmine\n");
    }

    @Test
    void dryRun_writesNothing() {
        GuardInstaller.install(hooks, "/h/huddle", true);

        assertThat(hooks).isEmptyDirectory();
    }
}
