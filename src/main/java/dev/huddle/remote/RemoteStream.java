package dev.huddle.remote;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.api.QueryForm;
import dev.huddle.core.HuddleException;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A streamed operation through the server: reads its server-sent events, hands each element to
 * the sink until it returns false or the timeout runs out, as the local Coordinator does. A
 * dropped connection is resumed with {@code Last-Event-ID} (the server sends nothing twice and
 * loses nothing); after {@link #RECONNECTS} failed attempts in a row it fails as an unreachable
 * server does. A connection silent for longer than two heartbeats counts as dropped.
 */
final class RemoteStream {

    /** Attempts to resume in a row before giving up. */
    static final int RECONNECTS = 5;
    /** The server's heartbeat is 15 s: two missed ones and a margin mean the connection is dead. */
    private static final int SILENCE_MS = 35_000;

    private final Transport transport;
    private final Operation op;
    private final BiFunction<Operation, Transport.Answer, HuddleException> failure;

    RemoteStream(Transport transport, Operation op, BiFunction<Operation, Transport.Answer, HuddleException> failure) {
        this.transport = transport;
        this.op = op;
        this.failure = failure;
    }

    /** Follows the stream with {@code args} (the sink last); returns what the local method returns. */
    Object follow(Object[] args) {
        @SuppressWarnings("unchecked")
        Predicate<Object> sink = (Predicate<Object>) args[args.length - 1];
        Object[] fields = Arrays.copyOf(args, args.length - 1);
        Duration timeout = timeout(fields);
        long end = timeout.isZero() || timeout.isNegative() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        var query = QueryForm.parameters(op, fields);
        String lastId = null;
        long lastSeq = fields[0] instanceof EventFilter f ? f.afterSeq() : 0;
        int failures = 0;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return result(lastSeq);
            }
            int silence = (int) Math.min(SILENCE_MS, Math.max(1, left / 1_000_000 + 1_000));
            try (Transport.Stream stream = transport.stream(op.fullPath(), query, lastId, silence)) {
                if (stream.status() != 200) {
                    throw failure.apply(op, stream.answer());
                }
                try (SseReader reader = new SseReader(stream.body())) {
                    Optional<SseReader.Item> item;
                    while ((item = reader.next()).isPresent()) {
                        failures = 0;
                        SseReader.Item it = item.get();
                        if (it.data() == null) {
                            lastId = it.id();
                            continue;
                        }
                        if (it.event().equals("error")) {
                            throw failure.apply(op, new Transport.Answer(500, it.data()));
                        }
                        Object element = decode(it.data());
                        lastId = it.id();
                        if (element instanceof Event e) {
                            lastSeq = e.seq();
                        }
                        if (!sink.test(element)) {
                            return result(lastSeq);
                        }
                    }
                }
                // The server ended the stream: its timeout (ours) came, or it is stopping.
                if (System.nanoTime() - end >= 0) {
                    return result(lastSeq);
                }
                failures++;
            } catch (IOException e) {
                if (System.nanoTime() - end >= 0) {
                    return result(lastSeq);
                }
                if (++failures > RECONNECTS) {
                    throw transport.unreachable(e);
                }
            }
            if (failures > RECONNECTS) {
                throw HuddleException.failed("the huddle server at " + transport.url() + " keeps ending the stream of "
                        + op.name() + "; is it stopping?");
            }
            pause(failures);
        }
    }

    private Object decode(String data) {
        try {
            return JsonCodec.read(data, op.result());
        } catch (IllegalArgumentException e) {
            throw new HuddleException(HuddleException.Kind.INTERNAL, "the huddle server at " + transport.url()
                    + " streamed " + op.name() + " with what this client cannot read (" + e.getMessage()
                    + "); are the client and server the same version?");
        }
    }

    private Object result(long lastSeq) {
        return op.method().getReturnType() == long.class ? (Object) lastSeq : null;
    }

    /** The stream's {@code timeout} field (zero: none). */
    private Duration timeout(Object[] fields) {
        var names = op.fields();
        for (int k = 0; k < names.size(); k++) {
            if (names.get(k).name().equals("timeout") && fields[k] instanceof Duration d) {
                return d;
            }
        }
        return Duration.ZERO;
    }

    /** A short, growing pause before resuming: a restarting server gets a moment. */
    private static void pause(int failures) {
        try {
            Thread.sleep(Math.min(2_000L, 100L << Math.min(failures, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HuddleException.failed("interrupted while resuming a stream");
        }
    }
}
