package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.api.Operations;
import dev.huddle.api.QueryForm;
import dev.huddle.app.Coordinator;
import dev.huddle.app.ErrorCode;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.message.Envelope;
import dev.huddle.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The table's streams ({@link Operation#isStream}) as server-sent events (docs/decisions.md, "Push
 * through the server"): {@code watch} is the event log, one SSE event per log event ({@code id} its
 * sequence number, {@code event} its kind), seen through {@link BoardView}; {@code watchInbox} is the
 * caller's messages, one per message ({@code id} the message id, {@code event: message}), each
 * recorded delivered after it is written, exactly as the local {@code watchInbox} records it.
 *
 * <p>A stream resumes after its {@code Last-Event-ID} (over the filter's {@code afterSeq}). It
 * holds one coordinator of the <em>waiting</em> pool on its request's own virtual thread, so streams
 * never take the quick calls' connections; a write through the server wakes it at once
 * ({@link dev.huddle.app.ChangeSignal}). A comment every heartbeat shows proxies and the client that
 * the stream lives, and shows the server that the client left: the failed write ends the stream
 * and gives the coordinator back.
 */
final class EventStreams {

    /** How often an idle stream says it is alive. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private EventStreams() {}

    static void register(Routes routes, CoordinatorPool waiting, Duration heartbeat) {
        for (Operation op : Operations.ALL) {
            if (op.isStream()) {
                routes.add(op.verb().name(), op.fullPath(), request -> open(op, request, waiting, heartbeat));
            }
        }
    }

    /** One stream's state between two heartbeats: where it is, and how it follows. */
    private interface Follower {
        /** Writes what comes within {@code chunk}; a failed write is {@link Gone}. */
        void follow(Coordinator c, SseWriter out, Duration chunk);
    }

    /** The client left: its stream ends quietly and its coordinator goes back, healthy. */
    private static final class Gone extends RuntimeException {
        Gone(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    static Reply open(Operation op, ApiRequest request, CoordinatorPool waiting, Duration heartbeat) {
        Caller caller = request.attribute(Caller.ATTRIBUTE).map(Caller.class::cast).orElseThrow(
                () -> new ApiError(ErrorCode.UNAUTHORIZED, "the request is not authenticated"));
        Map<String, Object> body;
        Object[] args;
        try {
            body = QueryForm.body(op, request.queryParameters());
            OperationRoutes.bindCaller(op, body, caller);
            args = JsonCodec.arguments(op, body);
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_INPUT, "bad request for " + op.name() + ": " + e.getMessage());
        }
        OptionalLong resume = lastEventId(request);
        Duration timeout = (Duration) args[1];
        Follower follower = switch (op.name()) {
            case "watch" -> board(caller, (EventFilter) args[0], resume, waiting);
            case "watchInbox" -> inbox((AgentId) args[0], resume, waiting);
            default -> throw new IllegalStateException(op.name() + " is a stream with no handler");
        };
        return Reply.ok((Replies.Streamed) out -> run(follower, out, waiting, heartbeat, timeout));
    }

    private static void run(Follower follower, SseWriter out, CoordinatorPool waiting, Duration heartbeat, Duration timeout) {
        long end = timeout.isZero() || timeout.isNegative() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        try {
            waiting.with(c -> {
                try {
                    while (true) {
                        long left = end - System.nanoTime();
                        if (left <= 0) {
                            return null;
                        }
                        follower.follow(c, out, left < heartbeat.toNanos() ? Duration.ofNanos(left) : heartbeat);
                        write(() -> out.comment("heartbeat"));
                    }
                } catch (Gone gone) {
                    return null;
                }
            });
        } catch (RuntimeException e) {
            // The answer is on its way: the failure can only be the stream's last event.
            ErrorCode code = ErrorCode.of(e);
            String message = e instanceof HuddleException && e.getMessage() != null ? e.getMessage() : "internal error";
            try {
                out.event("", "error", ErrorWriter.body(code, message, code.hint()));
            } catch (IOException gone) {
                // The client left as well.
            }
        }
    }

    /** The log from the resumption point (or the filter's), as {@code caller} may see it. */
    private static Follower board(Caller caller, EventFilter filter, OptionalLong resume, CoordinatorPool waiting) {
        // An id beyond the end (another store, a restored one) resumes at the end: what comes next is not lost.
        long end = waiting.with(c -> c.events().lastSeq());
        long[] after = {resume.isPresent() ? Math.min(resume.getAsLong(), end) : filter.afterSeq()};
        BoardView view = new BoardView(caller);
        return (c, out, chunk) -> after[0] = c.events().watch(new EventFilter(filter.by(), filter.kind(), filter.task(),
                filter.path(), after[0], filter.limit()), chunk, e -> {
                    Optional<Event> shown = view.show(c, e);
                    shown.ifPresent(s -> write(() -> out.event(Long.toString(s.seq()), s.kind(),
                            Json.write(JsonCodec.encode(s, Event.class)))));
                    return true;
                });
    }

    /**
     * The caller's messages not yet shown to it, each recorded delivered once written. Resuming
     * after message {@code L} first sends again every unread message after {@code L} that is
     * already delivered (the previous connection's, perhaps never received), in id order.
     */
    private static Follower inbox(AgentId agent, OptionalLong resume, CoordinatorPool waiting) {
        // Checked before the answer starts, so an unknown agent is a plain error answer.
        waiting.with(c -> c.messages().inbox(agent, false));
        boolean[] replayed = {resume.isEmpty()};
        return (c, out, chunk) -> {
            if (!replayed[0]) {
                replayed[0] = true;
                c.messages().inbox(agent, false).stream()
                        .filter(e -> e.message().id() > resume.getAsLong() && e.delivery().deliveredAt().isPresent())
                        .sorted(Comparator.comparingLong(e -> e.message().id()))
                        .forEach(e -> message(out, e));
            }
            c.events().watchInbox(agent, chunk, e -> {
                // A failed write throws before watchInbox records the delivery: the message stays undelivered.
                message(out, e);
                return true;
            });
        };
    }

    private static void message(SseWriter out, Envelope e) {
        write(() -> out.event(Long.toString(e.message().id()), "message", Json.write(JsonCodec.encode(e, Envelope.class))));
    }

    private static OptionalLong lastEventId(ApiRequest request) {
        Optional<String> header = request.header("Last-Event-ID").map(String::strip).filter(s -> !s.isEmpty());
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(header.get());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(id);
        } catch (NumberFormatException e) {
            throw new ApiError(ErrorCode.BAD_INPUT, "Last-Event-ID must be the id of an event this stream sent (a "
                    + "non-negative number), not '" + header.get() + "'");
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new Gone(e);
        }
    }
}
