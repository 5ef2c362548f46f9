package dev.huddle.integration.install;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What an install or uninstall did to one file (or, in a dry run, would do): the change, the
 * backup of the original when one was written or is kept, and the diff.
 */
public record FileOutcome(Path path, Change change, Optional<Path> backup, String diff) {

    /** The kinds of change. {@code RESTORED}: the original came back from its backup; {@code KEPT}: left as it is on purpose. */
    public enum Change {
        CREATED, UPDATED, UNCHANGED, REMOVED, RESTORED, KEPT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
