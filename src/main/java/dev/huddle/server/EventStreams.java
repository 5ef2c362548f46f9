package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.api.Operations;
import dev.huddle.api.QueryForm;
import dev.huddle.app.Coordinator;
import dev.huddle.app.ErrorCode;
import dev.huddle.app.log.BoardView;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
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
 * sequence number, {@code event} its kind), as {@link BoardView} shows it ({@link ShownEvents}); {@code watchInbox} is the
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

    /**
     * The streams in progress, ended together when the server stops: a stream never ends by itself,
     * and draining would otherwise wait the whole drain timeout for each.
     */
    static final class Open {
        private final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile boolean ending;

        /** Ends every stream (its thread is interrupted out of its wait), and refuses new ones. */
        void endAll() {
            ending = true;
            threads.forEach(Thread::interrupt);
        }
    }

    /** {@code log} gets the trace of a failure that is not Huddle's own (a bug, a broken store). */
    static Open register(Routes routes, CoordinatorPool waiting, Duration heartbeat, java.io.PrintStream log) {
        Open open = new Open();
        for (Operation op : Operations.ALL) {
            if (op.isStream()) {
                routes.add(op.verb().name(), op.fullPath(), request -> open(op, request, waiting, heartbeat, log, open));
            }
        }
        return open;
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

    static Reply open(Operation op, ApiRequest request, CoordinatorPool waiting, Duration heartbeat, java.io.PrintStream log,
                      Open streams) {
        if (streams.ending) {
            throw new ApiError(ErrorCode.UNAVAILABLE, "the server is stopping");
        }
        Caller caller = request.attribute(Caller.ATTRIBUTE).map(Caller.class::cast).orElseThrow(
                () -> new ApiError(ErrorCode.UNAUTHORIZED, "the request is not authenticated"));
        Map<String, Object> body;
        Object[] args;
        try {
            body = QueryForm.body(op, request.queryParameters());
            defaults(body, waiting);
            OperationDispatch.bindCaller(op, body, caller);
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
        return Reply.ok((Replies.Streamed) out -> {
            Thread self = Thread.currentThread();
            streams.threads.add(self);
            try {
                if (!streams.ending) {
                    run(follower, out, waiting, heartbeat, timeout, log);
                }
            } finally {
                streams.threads.remove(self);
                // The request's thread is Jetty's: an interrupt meant for the stream ends with it.
                Thread.interrupted();
            }
        });
    }

    /**
     * What a plain client (a browser's EventSource, curl) may leave out: no timeout (follow until
     * it leaves), and the log from now on, a thousand events a read.
     */
    @SuppressWarnings("unchecked")
    private static void defaults(Map<String, Object> body, CoordinatorPool waiting) {
        body.putIfAbsent("timeout", "PT0S");
        if (body.get("filter") instanceof Map<?, ?> filter) {
            Map<String, Object> f = (Map<String, Object>) filter;
            if (!f.containsKey("afterSeq")) {
                f.put("afterSeq", Long.toString(waiting.with(c -> c.events().lastSeq())));
            }
            f.putIfAbsent("limit", "1000");
        }
    }

    private static void run(Follower follower, SseWriter out, CoordinatorPool waiting, Duration heartbeat, Duration timeout,
                            java.io.PrintStream log) {
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
                        if (Thread.currentThread().isInterrupted()) {
                            // The server is stopping: the client resumes elsewhere or later.
                            return null;
                        }
                        write(() -> out.comment("heartbeat"));
                    }
                } catch (Gone gone) {
                    return null;
                }
            });
        } catch (RuntimeException e) {
            // The answer is on its way: the failure can only be the stream's last event.
            ErrorCode code = ErrorCode.of(e);
            boolean ours = e instanceof HuddleException && e.getMessage() != null;
            if (!ours) {
                log.println("huddle serve: internal error in a stream:");
                e.printStackTrace(log);
            }
            String message = ours ? e.getMessage() : "internal error; the server's log has the details";
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
        BoardView view = BoardView.of(caller.agent(), caller.operator());
        boolean[] started = {false};
        return (c, out, chunk) -> {
            if (!started[0]) {
                started[0] = true;
                write(() -> out.cursor(Long.toString(after[0])));
            }
            after[0] = c.events().watch(new EventFilter(filter.by(), filter.kind(), filter.task(),
                filter.path(), after[0], filter.limit()), chunk, e -> {
                    view.show(c.messages(), e).ifPresent(s -> write(() -> out.event(Long.toString(s.event().seq()),
                            s.event().kind(), Json.write(ShownEvents.json(s)))));
                    return true;
                });
        };
    }

    /**
     * The caller's messages not yet shown to it, each recorded delivered once written, in id order.
     * The stream starts with a cursor below every message it will send: the resumption point, or
     * else just below the oldest message not yet shown (the newest message when none is waiting).
     * Resuming after {@code L} sends again every unread message after {@code L}, the ones already
     * delivered (by the dropped connection, perhaps never received) included, in id order.
     */
    private static Follower inbox(AgentId agent, OptionalLong resume, CoordinatorPool waiting) {
        // Read before the answer starts, so an unknown agent is a plain error answer.
        long cursor = resume.isPresent() ? resume.getAsLong() : waiting.with(c -> {
            var unread = c.messages().inbox(agent, false);
            var waitingIds = unread.stream().filter(e -> e.delivery().deliveredAt().isEmpty()).mapToLong(e -> e.message().id());
            var oldestWaiting = waitingIds.min();
            if (oldestWaiting.isPresent()) {
                return oldestWaiting.getAsLong() - 1;
            }
            return java.util.stream.Stream.concat(c.messages().inbox(agent, true).stream(), unread.stream())
                    .mapToLong(e -> e.message().id()).max().orElse(0);
        });
        boolean[] started = {false};
        return (c, out, chunk) -> {
            if (!started[0]) {
                started[0] = true;
                write(() -> out.cursor(Long.toString(cursor)));
                if (resume.isPresent()) {
                    // Delivered first, then sent in one id order with those delivered before.
                    c.messages().awaitInbox(agent, cursor, Duration.ZERO);
                    c.messages().inbox(agent, false).stream()
                            .filter(e -> e.message().id() > cursor)
                            .sorted(Comparator.comparingLong(e -> e.message().id()))
                            .forEach(e -> message(out, e));
                }
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
