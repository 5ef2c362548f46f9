package dev.huddle.app.lease;

import dev.huddle.core.lease.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * One spelling turned into what it names: the resource at its real location in the repository,
 * and the resources a glob reaches through symbolic links besides ({@code docs/**} with
 * {@code docs/api -> ../src/api} also reaches {@code src/api/**}). A lease request takes them all
 * or none; a check reports what blocks any of them.
 */
public record Resolved(Resource resource, List<Resource> implied) {

    public Resolved {
        implied = List.copyOf(implied);
    }

    /** The resource and then what it implies. */
    public List<Resource> all() {
        List<Resource> all = new ArrayList<>(implied.size() + 1);
        all.add(resource);
        all.addAll(implied);
        return all;
    }
}
