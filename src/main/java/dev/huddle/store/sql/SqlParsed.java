package dev.huddle.store.sql;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Resource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Agent ids and resources read back from the store, parsed once per distinct text. Every lock
 * reads every live lease, so the same few hundred texts were checked again (a regular expression
 * per id, a walk over every path segment per resource) for each row of each request: most of what
 * mapping a lease cost the server. A text is still checked the first time it is read; the values
 * are immutable, so sharing them between threads is safe. Each cache forgets everything when it
 * outgrows {@value #LIMIT} entries, which bounds its memory without bookkeeping per entry.
 */
final class SqlParsed {

    static final int LIMIT = 8_192;

    private static final ConcurrentHashMap<String, AgentId> AGENTS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Resource> RESOURCES = new ConcurrentHashMap<>();

    private SqlParsed() {}

    static AgentId agent(String text) {
        return parsed(AGENTS, text, AgentId::new);
    }

    static Resource resource(String text) {
        return parsed(RESOURCES, text, Resource::fromText);
    }

    private static <T> T parsed(ConcurrentHashMap<String, T> cache, String text, Function<String, T> parse) {
        T known = cache.get(text);
        if (known != null) {
            return known;
        }
        T value = parse.apply(text); // a text that does not parse throws as before and is not kept
        if (cache.size() >= LIMIT) {
            cache.clear();
        }
        cache.put(text, value);
        return value;
    }
}
