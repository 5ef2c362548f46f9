package dev.huddle.hook;

import dev.huddle.app.Coordinator;
import dev.huddle.app.session.EditCheck;
import dev.huddle.app.session.EditRecorded;
import dev.huddle.app.session.Pushed;
import dev.huddle.app.session.SessionRef;
import dev.huddle.app.session.StopVerdict;
import dev.huddle.core.HuddleException;
import dev.huddle.core.Settings.HookErrorPolicy;
import dev.huddle.render.SessionText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What Huddle answers at each event of an agent's session (DESIGN §5 "Hooks"), in program-neutral
 * terms; the {@link Program} puts the answer in its protocol. Only translation happens here: each
 * event is one Coordinator call.
 *
 * <p>Failures never let an edit through silently. A failure before a tool call (the store cannot
 * be read, the payload cannot be understood, a bug) refuses the edit, saying why, or, with
 * {@code [hooks] on_internal_error = "allow-with-warning"}, lets it through with a warning to the
 * user; elsewhere the model is told in its context that Huddle is not working, and a Stop or a
 * session end just goes on. Every failure also prints one line on stderr.
 */
public final class HookRunner {

    private final Program program;
    private final Supplier<Coordinator> coordinator;
    private final Supplier<HookErrorPolicy> policy;

    public HookRunner(Program program, Supplier<Coordinator> coordinator, Supplier<HookErrorPolicy> policy) {
        this.program = program;
        this.coordinator = coordinator;
        this.policy = policy;
    }

    /** The answer to one call; never throws. {@code ref} is built lazily, as naming an agent can fail. */
    public Answer answer(HookEvent event, Payload payload, Supplier<SessionRef> ref, Path cwd) {
        try {
            return run(event, payload, ref, cwd);
        } catch (RuntimeException | Error e) {
            return failed(event, e);
        }
    }

    private Answer run(HookEvent event, Payload payload, Supplier<SessionRef> ref, Path cwd) {
        // PreToolUse first: it runs before every tool call, and needs no store when the tool writes nothing.
        if (event == HookEvent.PRE_TOOL) {
            return beforeTool(payload, ref, cwd);
        }
        if (!payload.parsed()) {
            return event == HookEvent.OTHER ? Answer.nothing()
                    : Answer.nothing().withNotice("the hook's input is not a JSON object; nothing was done");
        }
        if (event == HookEvent.POST_TOOL) {
            return afterTool(payload, ref, cwd);
        }
        if (event == HookEvent.PROMPT) {
            return prompt(ref);
        }
        if (event == HookEvent.SESSION_START) {
            String source = payload.text("source");
            return Answer.context(SessionText.context(
                    coordinator.get().sessions().openSession(ref.get(), source == null ? "" : source), Instant.now()));
        }
        if (event == HookEvent.STOP) {
            StopVerdict verdict = coordinator.get().sessions().stop(ref.get());
            return verdict.blocks()
                    ? Answer.block(SessionText.stopReason(verdict.agent().orElseThrow().value(), verdict.blockOn()))
                    : Answer.nothing();
        }
        if (event == HookEvent.SESSION_END) {
            String reason = payload.text("reason");
            coordinator.get().sessions().closeSession(ref.get(), reason == null ? "" : reason);
        }
        return Answer.nothing();
    }

    /** Refuses a call that would write a path another agent holds; a call it cannot read is a failure. */
    private Answer beforeTool(Payload payload, Supplier<SessionRef> ref, Path cwd) {
        if (!payload.parsed()) {
            throw new Unreadable("the hook's input is not a JSON object, so the edit cannot be checked");
        }
        ToolWrites writes = program.writes(HookEvent.PRE_TOOL, payload);
        if (!writes.writes()) {
            return Answer.nothing();
        }
        if (writes.unreadable() != null) {
            throw new Unreadable("the " + writes.tool() + " call cannot be checked: " + writes.unreadable());
        }
        EditCheck check = coordinator.get().sessions().mayEdit(ref.get(), base(writes, cwd), writes.targets());
        return check.allowed() ? Answer.nothing() : Answer.deny(SessionText.denial(check, Instant.now()));
    }

    /** Logs a writing tool's edit; warns the model when it went through another agent's lease. */
    private Answer afterTool(Payload payload, Supplier<SessionRef> ref, Path cwd) {
        ToolWrites writes = program.writes(HookEvent.POST_TOOL, payload);
        if (!writes.writes() || writes.unreadable() != null) {
            return Answer.nothing();
        }
        EditRecorded recorded = coordinator.get().sessions().recordEdit(ref.get(), base(writes, cwd), writes.targets(), writes.tool());
        return recorded.throughAnotherLease() ? Answer.context(SessionText.editedThroughLease(recorded, Instant.now()))
                : Answer.nothing();
    }

    /** Pushes new messages into the context, where the program lets a prompt hook add any. */
    private Answer prompt(Supplier<SessionRef> ref) {
        if (!program.pushesAtPrompt()) {
            return Answer.nothing();
        }
        Pushed pushed = coordinator.get().sessions().pushMessages(ref.get());
        return pushed.messages().isEmpty() ? Answer.nothing()
                : Answer.context(SessionText.pushed(pushed.agent().value(), pushed.messages()));
    }

    private static Path base(ToolWrites writes, Path cwd) {
        return writes.base() != null ? writes.base() : cwd;
    }

    /**
     * The failure policy: refuse (or warn on) an edit Huddle could not check; tell the model elsewhere.
     * Public for the HTTP face, whose failures can also happen before a runner gets a coordinator.
     */
    public Answer failed(HookEvent event, Throwable e) {
        String what = describe(e);
        String notice = "hook " + program.name() + " " + program.eventName(event) + ": " + what;
        if (event == HookEvent.PRE_TOOL) {
            if (policyOrDeny() == HookErrorPolicy.ALLOW_WITH_WARNING) {
                return Answer.allowWithWarning("Huddle could not check this edit against other agents' leases (" + what
                        + "). It is let through because huddle.toml sets [hooks] on_internal_error = "
                        + "\"allow-with-warning\": make sure no other agent is editing the same files.").withNotice(notice);
            }
            return Answer.deny("Huddle could not check whether this edit touches a file another agent has leased, so it"
                    + " refuses the edit to be safe: " + what + ". Tell the user: `huddle status` in the repository shows"
                    + " what is wrong (huddle.toml [hooks] on_internal_error = \"allow-with-warning\" lets edits through"
                    + " while Huddle is broken).").withNotice(notice);
        }
        if (event == HookEvent.SESSION_START || event == HookEvent.PROMPT) {
            return Answer.context("[huddle] Huddle is not working in this repository: " + what + ". Until it is fixed,"
                    + " an edit Huddle cannot check is refused unless huddle.toml allows it; tell the user.").withNotice(notice);
        }
        if (event == HookEvent.POST_TOOL) {
            return Answer.context("[huddle] Huddle could not record this edit: " + what + ".").withNotice(notice);
        }
        return Answer.nothing().withNotice(notice);
    }

    /** The configured policy; deny when even the configuration cannot be read. */
    private HookErrorPolicy policyOrDeny() {
        try {
            return policy.get();
        } catch (RuntimeException e) {
            return HookErrorPolicy.DENY;
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof HuddleException || e instanceof Unreadable) {
            return e.getMessage();
        }
        return "internal error: " + e;
    }

    /** A payload that does not say what a tool call writes. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
