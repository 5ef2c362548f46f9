package dev.huddle.integration.install;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@code install} or {@code uninstall} for one program: the files, the hook events
 * and the command they run, and notes for the user (trust steps, what was left alone), where
 * {@code problems} are the notes that mean some of Huddle's hooks will not run yet. {@code url}: where
 * the HTTP hooks post ({@code <event>} standing for the event's path), when they were installed.
 */
public record InstallReport(Program program, Scope scope, boolean dryRun, List<FileOutcome> files, List<String> events,
                            String command, Optional<String> url, List<String> notes, List<String> problems) {

    public InstallReport {
        files = List.copyOf(files);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }
}
