package dev.huddle.it;

import dev.huddle.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One agent working through a store fault, as its own long-lived OS process: until the stop file
 * exists, round {@code i} sends {@code AGENT-i} to the peer, locks {@code AGENT/i.txt} and unlocks
 * it, each command the real CLI code ({@link InProcessCli}) with the store or server its
 * environment names ({@code HUDDLE_DB}, or {@code HUDDLE_URL} and {@code HUDDLE_TOKEN}). Every
 * command is one JSON line on stdout: round, command, exit code, what it printed, and whether it
 * started after the outage-over file appeared. The process is never restarted: what follows an
 * outage shows whether it recovered on its own.
 *
 * <p>Arguments: agent, peer, stop file, outage-over file.
 */
public final class FaultWorker {

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        String peer = args[1];
        Path stop = Path.of(args[2]);
        Path over = Path.of(args[3]);
        Map<String, String> env = System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("HUDDLE_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Path cwd = stop.getParent();
        for (int i = 0; !Files.exists(stop); i++) {
            String resource = agent + "/" + i + ".txt";
            // "After the outage" is decided before a command starts: one that began during it may end after.
            boolean after = Files.exists(over);
            report(i, "send", after, InProcessCli.run(env, cwd, "send", peer, agent + "-" + i, "--agent", agent));
            after = Files.exists(over);
            Map<String, Object> lock = InProcessCli.run(env, cwd, "lock", resource, "--agent", agent, "--json");
            report(i, "lock", after, lock);
            if (lock.get("code").equals(0)) {
                after = Files.exists(over);
                report(i, "unlock", after, InProcessCli.run(env, cwd, "unlock", resource, "--agent", agent));
            }
        }
    }

    private static void report(int round, String command, boolean afterOutage, Map<String, Object> result) {
        Map<String, Object> line = new LinkedHashMap<>(result);
        line.put("round", round);
        line.put("command", command);
        line.put("after", afterOutage);
        System.out.println(Json.write(line));
        System.out.flush();
    }

    private FaultWorker() {}
}
