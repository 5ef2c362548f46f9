package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.app.ErrorCode;
import dev.huddle.core.agent.AgentId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of one operation as a caller's credential allows it, whatever carried the call: the
 * operator check, the caller fields bound to the credential, the audit of operator actions, the
 * waiting pool for a call that may block, and the wake-up of the server's waiters after a write.
 * The API's routes ({@link OperationRoutes}) and the command lines the server runs for the
 * launcher ({@link CommandLineRoute}) both call through here, so neither can grant what the other
 * refuses.
 */
final class OperationDispatch {

    private final CoordinatorPool pool;
    private final CoordinatorPool waiting;
    private final OperationRoutes.Audit audit;
    private final Runnable written;

    OperationDispatch(CoordinatorPool pool, CoordinatorPool waiting, OperationRoutes.Audit audit, Runnable written) {
        this.pool = pool;
        this.waiting = waiting;
        this.audit = audit;
        this.written = written;
    }

    /**
     * The result of {@code op} for {@code caller}, with the request's arguments as a JSON body
     * ({@code body} is changed: the caller fields are bound in it). A refusal is a result, as the
     * local Coordinator returns it; thrown failures are the error table's.
     *
     * @param request the HTTP request that carries the call: a call that waits ends when its client leaves
     */
    Object call(Operation op, Map<String, Object> body, Caller caller, boolean rehearsal, ApiRequest request) {
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
        if (operatorAction && !rehearsal) {
            audit.accept(caller, op.name());
        }
        try {
            return waits(op, body)
                    ? WhileClientStays.run(request, () -> waiting.with(c -> op.invoke(rehearsal ? c.rehearsing() : c, args)))
                    : pool.with(c -> op.invoke(rehearsal ? c.rehearsing() : c, args));
        } finally {
            if (!op.readOnly()) {
                written.run();
            }
        }
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
