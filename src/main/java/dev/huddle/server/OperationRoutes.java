package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.api.Operations;
import dev.huddle.api.QueryForm;
import dev.huddle.app.ErrorCode;
import dev.huddle.app.Refusal;
import dev.huddle.render.RefusalText;
import dev.huddle.core.agent.AgentId;
import dev.huddle.json.MiniJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One route per operation of the table ({@link Operations#ALL}), none written by hand: decode the
 * request (query for a GET, JSON body for a POST) with {@link JsonCodec}, bind the caller fields
 * from the credential, check operator rights, call the family method, encode the result.
 *
 * <p>Expected refusals (every result that is a {@link Refusal}: {@code LockOutcome.Denied},
 * {@code UnlockOutcome.Refused}, …) are 409 with the error table's body, worded as the CLI words
 * them ({@link RefusalText}), plus the encoded result under {@code "result"}: a client decodes
 * the very value the local Coordinator returns, so the CLI's own mapping gives the same line and
 * exit code (docs/decisions.md, "Refusals are 409"). Thrown failures are the error table's.
 *
 * <p>Streams (server-sent events) are routed by {@link EventStreams}.
 */
public final class OperationRoutes {

    /** Called before an operator action runs, to audit it: the caller and the operation's name. */
    public interface Audit extends BiConsumer<Caller, String> {}

    private OperationRoutes() {}

    /**
     * Registers every operation of the table that answers with one result. A call that may wait
     * ({@code lock} with {@code waitFor}, {@code frontier} with {@code wait}, {@code awaitInbox}) holds its coordinator
     * for the whole wait, so it borrows from {@code waiting}: waiters never take the connections
     * quick calls need.
     */
    public static void register(Routes routes, CoordinatorPool pool, CoordinatorPool waiting, Audit audit,
                                InstantSource clock) {
        register(routes, pool, waiting, audit, clock, () -> {});
    }

    /** As above; {@code written} runs after every operation that is not read-only, so the server's waiters look at once. */
    public static void register(Routes routes, CoordinatorPool pool, CoordinatorPool waiting, Audit audit,
                                InstantSource clock, Runnable written) {
        for (Operation op : Operations.ALL) {
            if (op.isStream()) {
                continue;
            }
            Routes.Handler handler = op.readOnly() ? request -> handle(op, request, pool, waiting, audit, clock) : request -> {
                try {
                    return handle(op, request, pool, waiting, audit, clock);
                } finally {
                    written.run();
                }
            };
            routes.add(op.verb().name(), op.fullPath(), handler);
        }
    }

    static Reply handle(Operation op, ApiRequest request, CoordinatorPool pool, CoordinatorPool waiting, Audit audit,
                        InstantSource clock) {
        Caller caller = request.attribute(Caller.ATTRIBUTE).map(Caller.class::cast).orElseThrow(
                () -> new ApiError(ErrorCode.UNAUTHORIZED, "the request is not authenticated"));
        Map<String, Object> body = body(op, request);
        boolean operatorAction = op.operatorOnly() || forced(op, body);
        if (operatorAction && !caller.operator()) {
            throw ApiError.forbidden(op.name() + (op.operatorOnly() ? "" : " with force") + " is an operator's action, and "
                    + "this is an agent token", "ask an operator, or use a token issued with 'huddle token issue --operator'");
        }
        bindCaller(op, body, caller);
        Object[] args;
        try {
            args = JsonCodec.arguments(op, body);
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_INPUT, e.getMessage());
        }
        boolean rehearsal = rehearsal(request);
        if (operatorAction && !rehearsal) {
            audit.accept(caller, op.name());
        }
        Object result = waits(op, body)
                ? WhileClientStays.run(request, () -> waiting.with(c -> op.invoke(rehearsal ? c.rehearsing() : c, args)))
                : pool.with(c -> op.invoke(rehearsal ? c.rehearsing() : c, args));
        Object encoded = JsonCodec.encode(result, op.result());
        return result instanceof Refusal refusal ? refused(refusal, encoded, clock.instant()) : Reply.ok(encoded);
    }

    /** {@code {"error":{"code","message","hint"},"result":{…}}} with the refusal's status (409). */
    static Reply refused(Refusal refusal, Object encoded, Instant now) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", refusal.code().code());
        error.put("message", RefusalText.message(refusal, now));
        error.put("hint", RefusalText.hint(refusal));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("result", encoded);
        return new Reply(refusal.code().httpStatus(), body, Map.of());
    }

    private static Map<String, Object> body(Operation op, ApiRequest request) {
        try {
            if (op.verb() == Operation.Verb.GET) {
                return QueryForm.body(op, request.queryParameters());
            }
            String text = new String(request.body(), StandardCharsets.UTF_8);
            return text.isBlank() ? new LinkedHashMap<>() : new LinkedHashMap<>(MiniJson.readObject(text));
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_INPUT, "bad request for " + op.name() + ": " + e.getMessage());
        }
    }

    /**
     * Whether the request is a rehearsal ({@code --dry-run}): the use case runs as locally, its
     * transaction rolled back, so the answer is what the call would do. Not audited: nothing happens.
     */
    private static boolean rehearsal(ApiRequest request) {
        Optional<String> value = request.header(Operations.DRY_RUN_HEADER);
        if (value.isEmpty()) {
            return false;
        }
        if (!value.get().strip().equalsIgnoreCase("true")) {
            throw new ApiError(ErrorCode.BAD_INPUT, Operations.DRY_RUN_HEADER + " '" + value.get()
                    + "' is not 'true': send it as 'true' to rehearse the call, or leave it out");
        }
        return true;
    }

    /** Whether the call may block until something changes (the request names a wait). */
    private static boolean waits(Operation op, Map<String, Object> body) {
        return switch (op.name()) {
            case "lock" -> body.get("request") instanceof Map<?, ?> r && r.get("waitFor") != null;
            case "frontier" -> body.get("wait") != null;
            case "awaitInbox" -> true;
            default -> false;
        };
    }

    /** A forced release may free another holder's lease: the operator's (decisions, "One table"). */
    private static boolean forced(Operation op, Map<String, Object> body) {
        return op.name().equals("unlock") && body.get("request") instanceof Map<?, ?> r && Boolean.TRUE.equals(r.get("force"));
    }

    /**
     * Every caller field becomes the credential's agent; naming another agent there is 403, never
     * silently replaced. The operator flag becomes the token's, whatever the body says: a client
     * that cannot tell a token from the file (the CLI) sends false. The local operator (discovery
     * credential) has no agent: it names the agent it acts as, and its flag, like the local CLI.
     */
    static void bindCaller(Operation op, Map<String, Object> body, Caller caller) {
        if (caller.agent().isEmpty()) {
            return;
        }
        AgentId agent = caller.agent().get();
        for (String field : op.callerFields()) {
            if (field.equals(Operation.OPERATOR_FIELD)) {
                body.put(field, caller.operator());
                continue;
            }
            Map<String, Object> holder = body;
            String[] parts = field.split("\\.");
            for (int k = 0; k < parts.length - 1; k++) {
                holder = child(holder, parts[k], op);
            }
            String last = parts[parts.length - 1];
            Object named = holder.get(last);
            if (named != null && !agent.value().equals(named)) {
                throw ApiError.forbidden("the request names " + field + " '" + named + "', but the token is " + agent.value()
                        + "'s", "leave " + field + " out: the server takes the agent from the token");
            }
            holder.put(last, agent.value());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> holder, String name, Operation op) {
        Object value = holder.get(name);
        if (value == null) {
            Map<String, Object> made = new LinkedHashMap<>();
            holder.put(name, made);
            return made;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            holder.put(name, copy);
            return copy;
        }
        throw new ApiError(ErrorCode.BAD_INPUT, op.name() + ": '" + name + "' must be a JSON object");
    }
}
