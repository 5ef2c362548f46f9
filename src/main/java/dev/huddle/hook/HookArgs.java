package dev.huddle.hook;

import java.util.List;

/**
 * The command line of {@code huddle hook}: the program, the event (optional), and the global
 * options that make sense here; {@code --url} is {@code HUDDLE_URL} for this call (what
 * {@code install claude --http} writes into its SessionStart command hook). {@code --json}, {@code --quiet} and {@code --debug} are accepted
 * and change nothing: a hook always answers in its program's protocol. A problem is reported, not
 * thrown: the caller still has to answer the agent program.
 */
record HookArgs(String program, String event, String agent, String db, String url, String problem) {

    static HookArgs parse(List<String> args) {
        String program = null;
        String event = null;
        String agent = null;
        String db = null;
        String url = null;
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (a.equals("--agent") || a.equals("--db") || a.equals("--url")) {
                if (k + 1 >= args.size()) {
                    return problem(a + " needs a value");
                }
                String v = args.get(++k);
                if (a.equals("--agent")) {
                    agent = v;
                } else if (a.equals("--db")) {
                    db = v;
                } else {
                    url = v;
                }
            } else if (a.startsWith("--agent=")) {
                agent = a.substring(8);
            } else if (a.startsWith("--db=")) {
                db = a.substring(5);
            } else if (a.startsWith("--url=")) {
                url = a.substring(6);
            } else if (a.equals("--json") || a.equals("--quiet") || a.equals("--debug")) {
                continue;
            } else if (a.startsWith("-")) {
                return problem("unknown option '" + a + "'");
            } else if (program == null) {
                program = a;
            } else if (event == null) {
                event = a;
            } else {
                return problem("unexpected argument '" + a + "'");
            }
        }
        if (program == null) {
            return problem("name the agent program");
        }
        return new HookArgs(program, event, agent, db, url, null);
    }

    private static HookArgs problem(String what) {
        return new HookArgs(null, null, null, null, null, what);
    }
}
