package dev.huddle.api;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Role;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.frontier.FrontierQuery;
import dev.huddle.core.frontier.Pointstamp;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.lease.Resource;
import dev.huddle.core.message.Address;
import dev.huddle.core.task.Queue;
import dev.huddle.core.task.TaskId;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Random values of any request or result type, from a seed: records through their canonical
 * constructors (a value the constructor refuses is drawn again), sealed interfaces through a random
 * variant, and the value types whose form is constrained from their own generators below.
 */
final class Samples {

    private static final String[] WORDS = {"", "a", "src/main.py", "héllo wörld", "quote \" and \\ backslash",
        "tab\tnew\nline", "emoji 😀", "\u0001control", "{\"json\":1}", "name:db"};
    private static final int MAX_DEPTH = 4;

    private final Random random;
    private final Map<Class<?>, Function<Random, Object>> values = new LinkedHashMap<>();

    Samples(long seed) {
        this.random = new Random(seed);
        values.put(AgentId.class, r -> new AgentId(pick(r, "alice", "bob", "c-3po", "agent.7", "x_y")));
        values.put(Role.class, r -> Role.of(pick(r, "dev", "operator", "reviewer")));
        values.put(TaskId.class, r -> new TaskId(pick(r, "T", "BUG", "Q2"), 1 + r.nextInt(10_000)));
        values.put(LamportTime.class, r -> new LamportTime(r.nextLong(0, Long.MAX_VALUE)));
        values.put(FencingToken.class, r -> new FencingToken(r.nextLong(1, Long.MAX_VALUE)));
        values.put(Pointstamp.class, r -> new Pointstamp(r.nextLong(0, 1000), r.nextLong(0, 1000)));
        values.put(FrontierQuery.class, r -> new FrontierQuery(r.nextLong(0, 1000),
                r.nextBoolean() ? null : r.nextLong(0, 1000), r.nextBoolean()));
        values.put(Resource.class, r -> Resource.fromText(pick(r, "src/a.py", "src/*.py", "docs/**", "name:db", "README.md")));
        values.put(Queue.class, r -> new Queue(pick(r, "default", "bugs", "ops-2"),
                r.nextBoolean() ? Optional.empty() : Optional.of(Role.of("@dev")),
                r.nextBoolean() ? Optional.empty() : Optional.of(Duration.ofMinutes(1 + r.nextInt(600))), pick(r, "T", "BUG")));
        values.put(Address.class, r -> Address.parse(pick(r, "alice", "@dev", "all")));
    }

    Object of(Type type) {
        return of(type, 0);
    }

    private Object of(Type type, int depth) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            boolean deep = depth >= MAX_DEPTH;
            if (raw == Optional.class) {
                return deep || random.nextInt(3) == 0 ? Optional.empty() : Optional.of(of(args[0], depth + 1));
            }
            int n = deep ? 0 : random.nextInt(4);
            if (List.class.isAssignableFrom(raw)) {
                List<Object> out = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    out.add(of(args[0], depth + 1));
                }
                return out;
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (int k = 0; k < n; k++) {
                    out.put(of(args[0], depth + 1), of(args[1], depth + 1));
                }
                return out;
            }
            throw new IllegalStateException("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        Function<Random, Object> own = values.get(c);
        if (own != null) {
            return own.apply(random);
        }
        if (c == String.class) {
            return random.nextInt(3) == 0 ? WORDS[random.nextInt(WORDS.length)] + random.nextInt(100)
                    : WORDS[random.nextInt(WORDS.length)];
        }
        if (c == long.class || c == Long.class) {
            return random.nextBoolean() ? (long) random.nextInt(100) : random.nextLong();
        }
        if (c == int.class || c == Integer.class) {
            return random.nextInt(1000);
        }
        if (c == boolean.class || c == Boolean.class) {
            return random.nextBoolean();
        }
        if (c == Object.class) {
            return switch (random.nextInt(3)) {
                case 0 -> of(String.class, depth);
                case 1 -> random.nextLong();
                default -> random.nextBoolean();
            };
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (c == Instant.class) {
            return Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000));
        }
        if (c == Duration.class) {
            return Duration.ofMillis(random.nextLong(0, 10_000_000));
        }
        if (c == Path.class) {
            return Path.of(pick(random, "out.jsonl", "/tmp/x/backup.db", "mirror"));
        }
        if (c.isInterface() && c.isSealed()) {
            Class<?>[] variants = c.getPermittedSubclasses();
            return of(variants[random.nextInt(variants.length)], depth);
        }
        if (c.isRecord()) {
            return record(c, depth);
        }
        throw new IllegalStateException("no sample for " + c.getName());
    }

    private Object record(Class<?> c, int depth) {
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int k = 0; k < components.length; k++) {
            types[k] = components[k].getType();
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            Object[] args = new Object[components.length];
            for (int k = 0; k < components.length; k++) {
                args[k] = of(components[k].getGenericType(), depth + 1);
            }
            try {
                Constructor<?> constructor = c.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                last = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no valid sample of " + c.getName() + " in 50 draws; add a generator", last);
    }

    private static String pick(Random r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
