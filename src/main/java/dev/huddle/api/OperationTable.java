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
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The declaration of the operations table ({@link Operations}): one row per use case, as plain
 * names and flags, resolved to an {@link Operation} (its method, fields, caller fields: reflection)
 * only when asked. The server resolves every row once at start ({@link Operations#ALL}); a cold
 * remote CLI process resolves only the row of the one method it calls ({@link #forName}), which
 * keeps reflection over 64 methods and their generic signatures off its start-up (docs/decisions.md,
 * "Remote cold start").
 */
public final class OperationTable {

    /** A declared row: the family method by name, its route and flags; {@code callers} beyond the convention. */
    record Row(Class<?> family, String accessor, String method, Verb verb, String path, boolean readOnly,
               boolean operatorOnly, List<String> callers) {

        Operation resolve(Method m) {
            List<String> fields = Table.callers(m);
            fields.addAll(callers);
            return new Operation(method, family, accessor, m, verb, path, readOnly, operatorOnly, fields);
        }
    }

    private static final List<Row> ROWS = declare();

    private OperationTable() {}

    /** Every row resolved, in declaration order. */
    static List<Operation> resolveAll() {
        List<Operation> out = new ArrayList<>(ROWS.size());
        for (Row row : ROWS) {
            out.add(row.resolve(Table.only(row.family(), row.method())));
        }
        return List.copyOf(out);
    }

    /**
     * The operation of a family's method named {@code method}, resolving that row alone; null when
     * the table has none. What the remote client's generated families call by.
     */
    public static Operation forName(Class<?> family, String method) {
        for (Row row : ROWS) {
            if (row.family() == family && row.method().equals(method)) {
                return row.resolve(Table.only(family, method));
            }
        }
        return null;
    }

    private static List<Row> declare() {
        Table t = new Table();
        t.family(Agents.class, "agents");
        t.post("register", "/agents/register").caller("id");
        t.get("whoami", "/agents/me");
        t.get("identity", "/agents/identity");
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
        return t.rows;
    }

    /** Builds the rows; a row's flags are set by the calls that follow it. */
    private static final class Table {
        private final List<Row> rows = new ArrayList<>();
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
            rows.add(new Row(family, accessor, methodName, verb, path, readOnly, false, List.of()));
            return this;
        }

        Table readOnly() {
            Row r = rows.getLast();
            return replace(new Row(r.family(), r.accessor(), r.method(), r.verb(), r.path(), true, r.operatorOnly(),
                    r.callers()));
        }

        Table writes() {
            Row r = rows.getLast();
            return replace(new Row(r.family(), r.accessor(), r.method(), r.verb(), r.path(), false, r.operatorOnly(),
                    r.callers()));
        }

        Table operator() {
            Row r = rows.getLast();
            return replace(new Row(r.family(), r.accessor(), r.method(), r.verb(), r.path(), r.readOnly(), true,
                    r.callers()));
        }

        Table caller(String field) {
            Row r = rows.getLast();
            List<String> callers = new ArrayList<>(r.callers());
            callers.add(field);
            return replace(new Row(r.family(), r.accessor(), r.method(), r.verb(), r.path(), r.readOnly(),
                    r.operatorOnly(), callers));
        }

        private Table replace(Row r) {
            rows.set(rows.size() - 1, r);
            return this;
        }

        static Method only(Class<?> family, String name) {
            Method found = null;
            for (Method m : family.getMethods()) {
                if (m.getName().equals(name) && !m.isDefault() && !Modifier.isStatic(m.getModifiers())) {
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

        /**
         * By convention: a parameter named {@code caller}, or a request record's {@code caller}
         * component; and a boolean parameter named {@link Operation#OPERATOR_FIELD}.
         */
        static List<String> callers(Method method) {
            List<String> out = new ArrayList<>();
            for (Parameter p : method.getParameters()) {
                if (p.getName().equals("caller")) {
                    out.add("caller");
                } else if (p.getName().equals(Operation.OPERATOR_FIELD) && p.getType() == boolean.class) {
                    out.add(Operation.OPERATOR_FIELD);
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
