import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load generator for the huddle server benchmarks (bench/http-hooks.sh,
 * bench/throughput.sh). Single-file program: {@code java bench/HttpLoad.java MODE [options]}.
 *
 * <p>One virtual thread per agent, each with its own bearer token (a line "AGENT TOKEN" of
 * {@code --tokens}), sends its next request when the previous answer is complete, optionally paced
 * to {@code --rate} requests per second (the server limits each token to 200/s by default; paced,
 * latency counts from when a request was due, not from when it could be sent). The
 * client is a small HTTP/1.1 client over plain sockets, so that what is measured is exactly the
 * connection handling asked for, with nothing pooled behind our back:
 * <ul>
 * <li>{@code hooks}: Claude Code's PreToolUse HTTP hook, a NEW CONNECTION PER CALL with
 *     {@code Connection: close}, as Claude Code posts its hooks; every second call edits a file
 *     another agent holds (the answer must be the JSON refusal), the others a free file (the answer
 *     must be empty). Latency: from opening the connection to the end of the answer.</li>
 * <li>{@code ops}: lock, send, unlock through the JSON API on one keep-alive connection per agent
 *     (an agent program's client keeps its connection); latency per request.</li>
 * </ul>
 * Prints one line of figures per run: requests, wrong answers, errors, requests/s, p50/p90/p99/max.
 */
public final class HttpLoad {

    record Agent(String id, String token) {}

    record Result(String label, long[] nanos, long wrong, long errors, String firstProblem, double seconds) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String mode = args.length > 0 ? args[0] : "";
        URI url = URI.create(require(o, "url"));
        List<Agent> all = tokens(Path.of(require(o, "tokens")));
        int agents = Integer.parseInt(o.getOrDefault("agents", "1"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "2"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        if (agents > all.size()) {
            throw new IllegalArgumentException("--agents " + agents + " but only " + all.size() + " tokens");
        }
        List<Agent> chosen = all.subList(0, agents);
        Workload work = switch (mode) {
            case "hooks" -> new Hooks(url, require(o, "cwd"), require(o, "held"), require(o, "holder"));
            case "ops" -> new Ops(url, all);
            default -> throw new IllegalArgumentException("usage: java HttpLoad.java hooks|ops --url U --tokens F ...");
        };
        long cpu0 = cpuNanos();
        long from = System.nanoTime() + (long) (warmup * 1e9);
        Stalls stalls = Stalls.start(from, from + (long) (seconds * 1e9));
        Result r = run(work, chosen, seconds, warmup, rate);
        long cpu = cpuNanos() - cpu0;
        print(mode, agents, rate, r);
        System.out.printf(Locale.ROOT, "         generator CPU %.1f s: %.2f ms per request%n", cpu / 1e9,
                cpu / 1e6 / Math.max(1, SENT.get()));
        System.out.println("         " + stalls.stop());
    }

    /**
     * How late a thread that sleeps 1 ms at a time wakes, over the measured window: what any thread
     * on this machine waits for a core when it becomes runnable. A run whose requests were late
     * because the whole machine stalled (another process's burst, the host) shows it here, in the
     * generator, whatever the server did.
     */
    static final class Stalls {
        private final long from;
        private final long to;
        /** How late each wake in the window was (at most one a millisecond). */
        private final long[] late;
        private int n;
        private volatile boolean stop;
        private final Thread thread = Thread.ofPlatform().daemon(true).name("stalls").unstarted(this::sample);

        private Stalls(long from, long to) {
            this.from = from;
            this.to = to;
            this.late = new long[(int) ((to - from) / 1_000_000) + 1];
        }

        static Stalls start(long from, long to) {
            Stalls s = new Stalls(from, to);
            s.thread.start();
            return s;
        }

        private void sample() {
            while (!stop && n < late.length) {
                long t0 = System.nanoTime();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
                long t1 = System.nanoTime();
                if (t1 >= from && t1 <= to) {
                    late[n++] = t1 - t0 - 1_000_000;
                }
            }
        }

        String stop() throws InterruptedException {
            stop = true;
            thread.join();
            long[] sorted = Arrays.copyOf(late, n);
            Arrays.sort(sorted);
            long lost = Arrays.stream(sorted).filter(l -> l > 5_000_000).sum();
            return String.format(Locale.ROOT, "stalls: a 1 ms sleep of the generator woke late by p50 %.2f, p99 %.2f, max %.2f ms; "
                    + "%.0f ms in all of wakes over 5 ms late", ms(sorted, 50), ms(sorted, 99),
                    n == 0 ? 0 : sorted[n - 1] / 1e6, lost / 1e6);
        }
    }

    /** One request's kind, its latency (from when it was due), and what was wrong with its answer, if anything. */
    record Outcome(String kind, long nanos, String problem) {}

    /** What one agent does in a loop: one request per call. */
    interface Workload {
        /**
         * Sends the agent's {@code n}th request; its latency counts from {@code due} (the time the
         * request was due to be sent, see {@link #run}).
         */
        Outcome call(Agent agent, int index, long n, long due, Conn conn) throws IOException;
    }

    static Result run(Workload work, List<Agent> agents, double seconds, double warmup, double rate) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long interval = rate > 0 ? (long) (1e9 / rate) : 0;
        List<Map<String, List<Long>>> perAgent = new ArrayList<>();
        List<List<List<Long>>> perAgentSeconds = new ArrayList<>();
        AtomicLong wrong = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstProblem = {null};
        CountDownLatch done = new CountDownLatch(agents.size());
        // A platform thread an agent: in life each agent is a program of its own, and a platform thread
        // blocks in the kernel on its socket and its sleep, so an answer wakes it directly; a virtual
        // thread needs the poller and then a carrier, two more waits for a core on a small machine,
        // counted in every latency (paced at 2,000/s on two cores the generator took 0.14 ms of CPU a
        // request on virtual threads, 0.07-0.08 on platform threads: bench/README.md).
        try (var pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("agent-", 1).factory())) {
            for (int i = 0; i < agents.size(); i++) {
                Map<String, List<Long>> mine = new HashMap<>();
                perAgent.add(mine);
                List<List<Long>> mySeconds = new ArrayList<>();
                perAgentSeconds.add(mySeconds);
                Agent agent = agents.get(i);
                int index = i;
                pool.submit(() -> {
                    // Agents start spread over one interval, not in lock-step.
                    long next = System.nanoTime() + (interval > 0 ? interval * index / agents.size() : 0);
                    Conn conn = new Conn();
                    try {
                        for (long n = 0; System.nanoTime() < end; n++) {
                            // Paced: latency counts from when the request was due, so a server that falls
                            // behind shows it in every later request (no coordinated omission).
                            long due = interval > 0 ? next : 0;
                            if (interval > 0) {
                                long wait = next - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                                next += interval;
                            }
                            boolean measured = System.nanoTime() >= measureFrom;
                            SENT.incrementAndGet();
                            long from = due == 0 ? System.nanoTime() : due;
                            try {
                                Outcome outcome = work.call(agent, index, n, from, conn);
                                String problem = outcome.problem();
                                if (measured) {
                                    mine.computeIfAbsent(outcome.kind(), k -> new ArrayList<>()).add(outcome.nanos());
                                }
                                int second = (int) Math.max(0, (from - start) / 1_000_000_000L);
                                while (mySeconds.size() <= second) {
                                    mySeconds.add(new ArrayList<>());
                                }
                                mySeconds.get(second).add(outcome.nanos());
                                if (problem != null && measured) {
                                    wrong.incrementAndGet();
                                    synchronized (firstProblem) {
                                        if (firstProblem[0] == null) {
                                            firstProblem[0] = problem;
                                        }
                                    }
                                }
                            } catch (IOException e) {
                                conn.close();
                                if (measured) {
                                    errors.incrementAndGet();
                                    synchronized (firstProblem) {
                                        if (firstProblem[0] == null) {
                                            firstProblem[0] = e.toString();
                                        }
                                    }
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        conn.close();
                        done.countDown();
                    }
                    return null;
                });
            }
            done.await();
        }
        double elapsed = Math.min(seconds, (System.nanoTime() - measureFrom) / 1e9);
        Map<String, List<Long>> byKind = new java.util.TreeMap<>();
        for (Map<String, List<Long>> m : perAgent) {
            m.forEach((k, v) -> byKind.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        List<Long> every = new ArrayList<>();
        byKind.values().forEach(every::addAll);
        List<List<Long>> bySecond = new ArrayList<>();
        for (List<List<Long>> agentSeconds : perAgentSeconds) {
            for (int s = 0; s < agentSeconds.size(); s++) {
                while (bySecond.size() <= s) {
                    bySecond.add(new ArrayList<>());
                }
                bySecond.get(s).addAll(agentSeconds.get(s));
            }
        }
        BY_SECOND.addAll(bySecond.stream().map(HttpLoad::toArray).toList());
        warmupSeconds = (int) Math.ceil(warmup);
        Result total = new Result("all", toArray(every), wrong.get(), errors.get(), firstProblem[0], elapsed);
        if (byKind.size() > 1) {
            byKind.forEach((k, v) -> KINDS.add(new Result(k, toArray(v), 0, 0, null, elapsed)));
        }
        return total;
    }

    /** This process's CPU time (user + system), for what the generator itself costs per request. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static final List<Result> KINDS = new ArrayList<>();
    static final AtomicLong SENT = new AtomicLong();
    /** Every request's latency by the second of the run it was due in, the warm-up's first. */
    static final List<long[]> BY_SECOND = new ArrayList<>();
    static int warmupSeconds;

    static void print(String mode, int agents, double rate, Result r) {
        System.out.printf(Locale.ROOT, "%-6s agents=%-3d pacing=%-9s %s%n", mode, agents,
                rate > 0 ? String.format(Locale.ROOT, "%.0f/s", rate) : "none", line(r));
        for (Result k : KINDS) {
            System.out.printf(Locale.ROOT, "         %-26s %s%n", "", line(k));
        }
        System.out.printf(Locale.ROOT, "         sent=%d requests in all, warm-up included%n", SENT.get());
        // Second by second from the start, so a tail from one burst, or a warm-up too short for the
        // generator's own new JVM, shows where it was.
        StringBuilder bySecond = new StringBuilder();
        for (int i = 0; i < BY_SECOND.size(); i++) {
            long[] s = BY_SECOND.get(i);
            Arrays.sort(s);
            bySecond.append(i == warmupSeconds ? " | measured:" : "").append(String.format(Locale.ROOT, " %.0f", ms(s, 99)));
        }
        System.out.println("         p99 second by second (ms), warm-up:" + bySecond);
        if (r.firstProblem() != null) {
            System.out.println("         first problem: " + r.firstProblem());
        }
    }

    static String line(Result r) {
        long[] s = r.nanos().clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%-7s n=%-7d wrong=%-4d errors=%-4d %8.0f req/s  p50 %6.2f  p90 %6.2f  p99 %6.2f  max %7.2f ms",
                r.label(), s.length, r.wrong(), r.errors(), s.length / r.seconds(), ms(s, 50), ms(s, 90), ms(s, 99),
                s.length == 0 ? 0 : s[s.length - 1] / 1e6);
    }

    static double ms(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int k = (int) Math.ceil(sorted.length * p / 100.0) - 1;   // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))] / 1e6;
    }

    // ---- workloads ----

    /** PreToolUse over HTTP, one new connection per call. */
    static final class Hooks implements Workload {
        private final URI url;
        private final String cwd;
        private final String held;

        Hooks(URI url, String cwd, String held, String holder) {
            this.url = url;
            this.cwd = cwd;
            this.held = held;
        }

        @Override
        public Outcome call(Agent agent, int index, long n, long due, Conn ignored) throws IOException {
            boolean deny = n % 2 == 0;
            String file = deny ? held : "src/free-" + agent.id() + ".py";
            String session = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", index + 1);
            String body = "{\"session_id\":\"" + session + "\",\"transcript_path\":\"/tmp/none.jsonl\",\"cwd\":\"" + cwd
                    + "\",\"permission_mode\":\"acceptEdits\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Edit\","
                    + "\"tool_input\":{\"file_path\":\"" + cwd + "/" + file + "\",\"old_string\":\"a\",\"new_string\":\"b\","
                    + "\"replace_all\":false},\"tool_use_id\":\"toolu_bench_" + n + "\"}";
            Answer a;
            try (Conn conn = new Conn()) {
                a = conn.exchange(url, "POST", "/api/v1/hooks/claude/pre-tool-use", agent.token(), body, true);
            }
            long nanos = System.nanoTime() - due;
            String kind = deny ? "deny" : "allow";
            if (a.status() != 200) {
                return new Outcome(kind, nanos, "HTTP " + a.status() + ": " + a.body());
            }
            boolean refused = a.body().contains("\"permissionDecision\":\"deny\"");
            if (deny != refused || !deny && !a.body().isBlank()) {
                return new Outcome(kind, nanos, (deny ? "expected a refusal, got: " : "expected no answer, got: ") + a.body());
            }
            return new Outcome(kind, nanos, null);
        }
    }

    /** lock, send, unlock through the JSON API on the agent's keep-alive connection. */
    static final class Ops implements Workload {
        private final URI url;
        private final List<Agent> all;

        Ops(URI url, List<Agent> all) {
            this.url = url;
            this.all = all;
        }

        @Override
        public Outcome call(Agent agent, int index, long n, long due, Conn conn) throws IOException {
            String path = "src/" + agent.id() + ".py";
            String kind;
            String route;
            String body;
            switch ((int) (n % 3)) {
                case 0 -> {
                    kind = "lock";
                    route = "/api/v1/leases/lock";
                    body = "{\"request\":{\"caller\":\"" + agent.id() + "\",\"resources\":[\"" + path + "\"],\"mode\":\"EXCLUSIVE\"}}";
                }
                case 1 -> {
                    kind = "send";
                    route = "/api/v1/messages/send";
                    String to = all.get((index + 1) % all.size()).id();
                    body = "{\"request\":{\"caller\":\"" + agent.id() + "\",\"to\":[\"" + to + "\"],\"body\":\"bench " + n
                            + "\",\"importance\":\"NORMAL\",\"ackRequired\":false}}";
                }
                default -> {
                    kind = "unlock";
                    route = "/api/v1/leases/unlock";
                    body = "{\"request\":{\"caller\":\"" + agent.id() + "\",\"resources\":[\"" + path + "\"],\"force\":false}}";
                }
            }
            Answer a = conn.exchange(url, "POST", route, agent.token(), body, false);
            long nanos = System.nanoTime() - due;
            if (a.status() != 200) {
                return new Outcome(kind, nanos, kind + ": HTTP " + a.status() + ": " + a.body());
            }
            if (kind.equals("lock") && !a.body().contains("\"Granted\"")) {
                return new Outcome(kind, nanos, "lock not granted: " + a.body());
            }
            return new Outcome(kind, nanos, null);
        }
    }

    // ---- a minimal HTTP/1.1 client ----

    record Answer(int status, String body) {}

    /** One connection, reused while the server keeps it open (keep-alive), or one per exchange. */
    static final class Conn implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Answer exchange(URI url, String method, String path, String token, String json, boolean close) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
                socket.setSoTimeout(60_000);
                in = new java.io.BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nAccept: application/json"
                    + "\r\nContent-Length: " + body.length + (close ? "\r\nConnection: close" : "") + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed before an answer");
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            boolean serverCloses = close;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    serverCloses = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers: none expected
                }
            } else if (length >= 0) {
                content.write(in.readNBytes((int) length));
            } else {
                content.write(in.readAllBytes());
                serverCloses = true;
            }
            if (serverCloses) {
                close();
            }
            return new Answer(code, content.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    int len = b.length();
                    return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
                }
                b.append((char) c);
            }
            return b.isEmpty() ? null : b.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing after a failure
                }
                socket = null;
            }
        }
    }

    // ---- options ----

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    static String require(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    static List<Agent> tokens(Path file) throws IOException {
        List<Agent> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                out.add(new Agent(parts[0], parts[1]));
            }
        }
        return out;
    }

    static long[] toArray(List<Long> xs) {
        long[] a = new long[xs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = xs.get(i);
        }
        return a;
    }
}
