package dev.huddle.hook;

import java.nio.file.Path;
import java.util.Map;

/**
 * One agent program's side of the hook protocol: which of its events mean what, where its payload
 * keeps the session id, the working directory and a tool call's files, and how it reads an
 * answer. Each program's adapter is built from its recorded payloads
 * (shared/reference/hook-payloads) or, for Cursor, its documentation.
 */
public interface Program {

    /** The name in {@code huddle hook NAME ...}; also the prefix of the ids its sessions get. */
    String name();

    /** The event an event name means to this program (spelling-independent, see {@link HookEvent#normal}). */
    HookEvent event(String normalName);

    /** The program's own spelling of an event, as its answers must name it. */
    String eventName(HookEvent event);

    /** The program's session id for this call; null when it gives none. */
    default String sessionId(Payload payload, Map<String, String> env) {
        String id = payload.text("session_id");
        return id != null || sessionVariable() == null ? id : env.get(sessionVariable());
    }

    /** The environment variable naming the session when the payload does not (null: none). */
    default String sessionVariable() {
        return null;
    }

    /** The absolute directory the call runs in; null when the payload does not say. */
    default Path cwd(Payload payload) {
        return payload.directory("cwd");
    }

    /** What a pre- or post-tool call writes. */
    ToolWrites writes(HookEvent event, Payload payload);

    /** Whether the prompt event can carry context to the model (Cursor's cannot). */
    default boolean pushesAtPrompt() {
        return true;
    }

    /** The answer in the program's protocol. */
    Reply reply(HookEvent event, Answer answer);
}
