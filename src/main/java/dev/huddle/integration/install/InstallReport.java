package dev.huddle.integration.install;

import java.util.List;

/**
 * The result of {@code install} or {@code uninstall} for one program: the files, the hook events
 * and the command they run, and notes for the user (trust steps, what was left alone), where
 * {@code problems} are the notes that mean some of Huddle's hooks will not run yet.
 */
public record InstallReport(Program program, Scope scope, boolean dryRun, List<FileOutcome> files, List<String> events,
                            String command, List<String> notes, List<String> problems) {

    public InstallReport {
        files = List.copyOf(files);
        events = List.copyOf(events);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }
}
