package dev.huddle.api;

import dev.huddle.api.Operation.Verb;
import dev.huddle.app.agent.Agents;
import dev.huddle.app.decision.Decisions;
import dev.huddle.app.frontier.Frontiers;
import dev.huddle.app.lease.Leases;
import dev.huddle.app.log.EventLog;
import dev.huddle.app.message.Messages;
import dev.huddle.app.mirror.Mirror;
import dev.huddle.app.overview.Overview;
import dev.huddle.app.session.Sessions;
import dev.huddle.app.summary.Summaries;
import dev.huddle.app.task.Board;
import dev.huddle.app.task.Tasks;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every use case of the Coordinator, declared once: the server's routes, the remote client and the
 * OpenAPI document are derived from this table (docs/decisions.md, "One Coordinator, one table").
 * {@code OperationsTest} checks that it names every method of every family exactly once.
 *
 * <p>Paths take no parameters: everything a use case needs is in the query (GET) or the JSON body
 * (POST). A GET's fields fit a query string ({@link QueryForm}) and it is read-only, or a stream
 * (server-sent events need a GET); a read whose input does not fit a query is a POST marked read-only.
 */
public final class Operations {

    public static final String PREFIX = "/api/v1";

    /** The families, in the order of {@link dev.huddle.app.Coordinator}'s accessors. */
    public static final List<Class<?>> FAMILIES = List.of(Agents.class, Messages.class, Leases.class,
            Frontiers.class, EventLog.class, Overview.class, Tasks.class, Board.class, Decisions.class,
            Summaries.class, Mirror.class, Sessions.class);

    public static final List<Operation> ALL = table();

    private Operations() {}

    public static Optional<Operation> named(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public static Optional<Operation> route(Verb verb, String fullPath) {
        return ALL.stream().filter(o -> o.verb() == verb && o.fullPath().equals(fullPath)).findFirst();
    }

    private static List<Operation> table() {
        Table t = new Table();
        t.family(Agents.class, "agents");
        t.post("register", "/agents/register").caller("id");
        t.get("whoami", "/agents/me");
        t.get("agents", "/agents");
        t.post("heartbeat", "/agents/heartbeat");
        t.post("leave", "/agents/leave");
        t.get("agentForSession", "/agents/by-session");

        t.family(Messages.class, "messages");
        t.post("send", "/messages/send");
        t.get("inbox", "/messages/inbox");
        t.post("recv", "/messages/recv");
        t.post("awaitInbox", "/messages/inbox/wait");
        t.post("read", "/messages/read");
        t.post("ack", "/messages/ack");
        t.get("thread", "/messages/thread");
        t.get("search", "/messages/search");

        t.family(Leases.class, "leases");
        t.post("lock", "/leases/lock");
        t.post("unlock", "/leases/unlock");
        t.post("renew", "/leases/renew");
        t.get("locks", "/leases");
        t.get("check", "/leases/check");

        t.family(Frontiers.class, "frontiers");
        t.get("frontier", "/frontier");
        t.post("sync", "/frontier/sync");

        t.family(EventLog.class, "events");
        t.get("log", "/events/log");
        t.get("watch", "/events");
        t.get("lastSeq", "/events/last-seq");
        // A stream, so a GET (server-sent events); not read-only: what it streams is marked delivered.
        t.get("watchInbox", "/messages/watch").writes();

        t.family(Overview.class, "overview");
        t.post("init", "/init").operator();
        t.get("status", "/status");
        t.get("prime", "/prime");
        t.post("backup", "/backup").operator();
        t.post("gc", "/gc").operator();

        t.family(Tasks.class, "tasks");
        t.post("create", "/tasks/create");
        t.post("claim", "/tasks/claim");
        t.post("claimNext", "/tasks/claim-next");
        t.post("unclaim", "/tasks/unclaim");
        t.post("done", "/tasks/done");
        t.post("block", "/tasks/block");
        t.post("unblock", "/tasks/unblock");
        t.post("amend", "/tasks/amend");
        t.post("escalate", "/tasks/escalate");
        t.post("reopen", "/tasks/reopen");
        t.post("cancel", "/tasks/cancel");
        t.post("addDependency", "/tasks/dependencies/add");
        t.post("removeDependency", "/tasks/dependencies/remove");

        t.family(Board.class, "board");
        t.get("show", "/tasks/show");
        t.get("tasks", "/tasks");
        t.get("ready", "/tasks/ready");
        t.get("tree", "/tasks/tree");
        t.get("queues", "/queues");
        t.get("overdue", "/tasks/overdue");
        t.get("blocked", "/tasks/blocked");

        t.family(Decisions.class, "decisions");
        t.post("decide", "/decisions/decide");
        t.get("decisions", "/decisions");

        t.family(Summaries.class, "summaries");
        t.post("startSummary", "/summary/start");
        t.post("writeSummary", "/summary/write");
        t.get("summaryStatus", "/summary");
        t.post("collectSummary", "/summary/collect");

        // Files on the server's machine: the operator's alone.
        t.family(Mirror.class, "mirror");
        t.post("exportJsonl", "/mirror/export-jsonl").operator();
        t.post("importJsonl", "/mirror/import-jsonl").operator();
        t.post("exportMarkdown", "/mirror/export-markdown").operator();

        // The agent a session names (--agent) is the token's agent through the server.
        t.family(Sessions.class, "sessions");
        t.post("openSession", "/sessions/open").caller("session.named");
        t.post("pushMessages", "/sessions/push").caller("session.named");
        t.post("mayEdit", "/sessions/may-edit").readOnly().caller("session.named");
        t.post("recordEdit", "/sessions/record-edit").caller("session.named");
        t.post("stop", "/sessions/stop").caller("session.named");
        t.post("closeSession", "/sessions/close").caller("session.named");
        return t.done();
    }

    /** Builds the rows; a row's flags are set by the calls that follow it. */
    private static final class Table {
        private final List<Operation> rows = new ArrayList<>();
        private Class<?> family;
        private String accessor;

        void family(Class<?> type, String accessorName) {
            family = type;
            accessor = accessorName;
        }

        Table get(String method, String path) {
            return add(method, Verb.GET, path, true);
        }

        Table post(String method, String path) {
            return add(method, Verb.POST, path, false);
        }

        private Table add(String methodName, Verb verb, String path, boolean readOnly) {
            Method method = only(family, methodName);
            rows.add(new Operation(methodName, family, accessor, method, verb, path, readOnly, false,
                    callers(method)));
            return this;
        }

        Table readOnly() {
            Operation o = last();
            return replace(new Operation(o.name(), o.family(), o.accessor(), o.method(), o.verb(), o.path(), true,
                    o.operatorOnly(), o.callerFields()));
        }

        Table writes() {
            Operation o = last();
            return replace(new Operation(o.name(), o.family(), o.accessor(), o.method(), o.verb(), o.path(), false,
                    o.operatorOnly(), o.callerFields()));
        }

        Table operator() {
            Operation o = last();
            return replace(new Operation(o.name(), o.family(), o.accessor(), o.method(), o.verb(), o.path(),
                    o.readOnly(), true, o.callerFields()));
        }

        Table caller(String field) {
            Operation o = last();
            List<String> callers = new ArrayList<>(o.callerFields());
            callers.add(field);
            return replace(new Operation(o.name(), o.family(), o.accessor(), o.method(), o.verb(), o.path(),
                    o.readOnly(), o.operatorOnly(), callers));
        }

        List<Operation> done() {
            return List.copyOf(rows);
        }

        private Operation last() {
            return rows.getLast();
        }

        private Table replace(Operation o) {
            rows.set(rows.size() - 1, o);
            return this;
        }

        private static Method only(Class<?> family, String name) {
            Method found = null;
            for (Method m : family.getMethods()) {
                if (m.getName().equals(name) && !m.isDefault() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                    if (found != null) {
                        throw new IllegalStateException(family.getSimpleName() + "." + name + " is overloaded");
                    }
                    found = m;
                }
            }
            if (found == null) {
                throw new IllegalStateException(family.getSimpleName() + " has no method " + name);
            }
            return found;
        }

        /** By convention: a parameter named {@code caller}, or a request record's {@code caller} component. */
        private static List<String> callers(Method method) {
            List<String> out = new ArrayList<>();
            for (Parameter p : method.getParameters()) {
                if (p.getName().equals("caller")) {
                    out.add("caller");
                } else if (p.getType().isRecord()) {
                    for (RecordComponent c : p.getType().getRecordComponents()) {
                        if (c.getName().equals("caller")) {
                            out.add(p.getName() + ".caller");
                        }
                    }
                }
            }
            return out;
        }
    }
}
