package dev.huddle.cli;

import dev.huddle.core.text.UntrustedFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Text with marked pieces of agent text ({@link Output#one}, {@link Output#clean}), split into the
 * lines to print: each marked piece neutralised and unmarked, and for each line whether any agent
 * text is on it (a multi-line piece counts for every line it spans).
 */
record MarkedLines(List<String> lines, List<Boolean> agent) {

    static MarkedLines of(String text) {
        List<String> lines = new ArrayList<>();
        List<Boolean> agent = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        boolean agentOnLine = false;
        int i = 0;
        while (i <= text.length()) {
            if (i == text.length() || text.charAt(i) == '\n') {
                lines.add(line.toString());
                agent.add(agentOnLine);
                line.setLength(0);
                agentOnLine = false;
                i++;
            } else if (text.charAt(i) == Output.BEGIN_AGENT) {
                int end = Output.endOf(text, i);
                String[] piece = UntrustedFrame.neutralise(text.substring(i + 1, end)).split("\n", -1);
                for (int p = 0; p < piece.length; p++) {
                    if (p > 0) {
                        lines.add(line.toString());
                        agent.add(true);
                        line.setLength(0);
                    }
                    line.append(piece[p]);
                }
                agentOnLine = true;
                i = end < text.length() ? end + 1 : end;
            } else {
                line.append(text.charAt(i));
                i++;
            }
        }
        return new MarkedLines(lines, agent);
    }
}
