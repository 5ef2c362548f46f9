package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.api.HookPaths;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.core.agent.AgentId;
import dev.huddle.json.MiniJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An HTTP hook whose store fails follows the command hook's failure policy: before a tool call the
 * edit is refused with the reason (or, with {@code on_internal_error = "allow-with-warning"}, let
 * through with a warning to the user); a Stop goes on. The answer is still 200: a non-2xx is
 * Claude Code's own failure, which it would report without Huddle's reason.
 */
class ClaudeHookFailureTest {

    static final String WRITE = "{\"session_id\":\"s-1\",\"cwd\":\"/repo\",\"hook_event_name\":\"PreToolUse\","
            + "\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"/repo/a.txt\",\"content\":\"x\"}}";

    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    Reply call(String event, String payload, HookErrorPolicy policy) {
        CoordinatorPool broken = new CoordinatorPool(() -> {
            throw HuddleException.failed("cannot open the store: disk I/O error");
        }, 1, Duration.ofSeconds(1));
        Caller me = new Caller(Optional.of(AgentId.of("me")), false, "t-1");
        ApiRequest request = new ApiRequest("POST", HookPaths.claude(event), Map.of(), Map.of(), h -> null,
                name -> Caller.ATTRIBUTE.equals(name) ? me : null,
                new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)));
        dev.huddle.hook.Program claude = new dev.huddle.hook.claude.ClaudeCode();
        return HookRoutes.handle(claude, claude.event(dev.huddle.hook.HookEvent.normal(event)), request, broken, () -> policy, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    static Map<String, Object> body(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        return MiniJson.readObject(((Replies.Rendered) reply.body()).json());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBrokenStore_deniesTheEdit_sayingWhy() {
        Map<String, Object> out = (Map<String, Object>) body(call("PreToolUse", WRITE, HookErrorPolicy.DENY)).get("hookSpecificOutput");
        assertThat(out).containsEntry("permissionDecision", "deny");
        assertThat((String) out.get("permissionDecisionReason")).contains("disk I/O error").contains("huddle status");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("hook claude PreToolUse: cannot open the store");
    }

    @Test
    void aBrokenStore_withAllowWithWarning_letsTheEditThrough_warningTheUser() {
        Map<String, Object> out = body(call("PreToolUse", WRITE, HookErrorPolicy.ALLOW_WITH_WARNING));
        assertThat(out).doesNotContainKey("hookSpecificOutput");
        assertThat((String) out.get("systemMessage")).contains("disk I/O error").contains("allow-with-warning");
    }

    @Test
    void aBrokenStore_atStop_letsTheTurnEnd() {
        Reply reply = call("Stop", "{\"session_id\":\"s-1\",\"hook_event_name\":\"Stop\"}", HookErrorPolicy.DENY);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(((Replies.Rendered) reply.body()).json()).isEmpty();
    }

    /** As the command hook, which opens no store for a tool that writes nothing. */
    @Test
    void aBrokenStore_doesNotStopAToolThatWritesNothing() {
        Reply reply = call("PreToolUse", "{\"session_id\":\"s-1\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Read\","
                + "\"tool_input\":{\"file_path\":\"/repo/a.txt\"}}", HookErrorPolicy.DENY);
        assertThat(((Replies.Rendered) reply.body()).json()).isEmpty();
    }

    @Test
    void anUnreadablePayload_beforeATool_isDenied() {
        Reply reply = call("PreToolUse", "not json", HookErrorPolicy.DENY);
        assertThat(((Replies.Rendered) reply.body()).json()).contains("\"permissionDecision\":\"deny\"")
                .contains("not a JSON object");
        assertThat(List.of(reply.status())).containsExactly(200);
    }
}
