package dev.huddle.remote;

import dev.huddle.core.HuddleException;
import dev.huddle.json.MiniJson;
import java.net.URI;
import java.util.Map;

/**
 * A command hook's call forwarded to a huddle server (docs/decisions.md, "Command hooks through the
 * server"): the payload is posted to the program's hook endpoint in the command form, and the
 * answer is the whole reply the command gives, stdout, exit code and stderr notice. The remote
 * CLI's {@link Transport} (one request on a plain socket) and {@link MiniJson}: the hook's cold path
 * loads no Jackson and no operation table.
 */
public final class HookClient {

    /** What the command prints on stdout, exits with, and prints on stderr (null: nothing). */
    public record Reply(String stdout, int exitCode, String notice) {}

    private HookClient() {}

    /**
     * Posts {@code payload} to {@code path}; throws a {@link HuddleException} saying why when the
     * server cannot be reached or refuses the call, so the caller's failure policy answers.
     */
    public static Reply post(URI url, String token, String path, String payload, Map<String, String> headers) {
        Transport.Answer answer = new Transport(url, token).post(path, payload, headers);
        if (answer.status() == 200) {
            try {
                Map<String, Object> m = MiniJson.readObject(answer.body());
                if (m.get("stdout") instanceof String out && m.get("exit_code") instanceof Number code) {
                    return new Reply(out, code.intValue(), m.get("notice") instanceof String n ? n : null);
                }
            } catch (IllegalArgumentException notJson) {
                // Reported below.
            }
            throw HuddleException.failed("the huddle server at " + url + " answered the hook with something that is "
                    + "not a hook reply; is HUDDLE_URL a huddle server of this version?");
        }
        throw refusal(url, answer);
    }

    private static HuddleException refusal(URI url, Transport.Answer answer) {
        String message = null;
        String hint = null;
        try {
            if (MiniJson.readObject(answer.body()).get("error") instanceof Map<?, ?> error) {
                message = error.get("message") instanceof String m ? m : null;
                hint = error.get("hint") instanceof String h ? h : null;
            }
        } catch (IllegalArgumentException notJson) {
            // Named by status below.
        }
        if (answer.status() == 401) {
            return HuddleException.failed("the huddle server at " + url + " refused the hook's credential; set "
                    + "HUDDLE_TOKEN to a live token from 'huddle token issue --agent ID', or unset HUDDLE_URL");
        }
        return HuddleException.failed("the huddle server at " + url + " answered the hook with HTTP " + answer.status()
                + (message == null ? "" : ": " + message) + (hint == null ? "" : " (" + hint + ")"));
    }
}
