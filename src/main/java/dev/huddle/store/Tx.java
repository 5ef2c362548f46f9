package dev.huddle.store;

import dev.huddle.core.lease.FencingToken;

/** One open transaction: table families, each speaking domain records. */
public interface Tx {

    AgentRows agents();

    SessionRows sessions();

    LeaseRows leases();

    FrontierWaiterRows frontierWaiters();

    MessageRows messages();

    EventRows events();

    TaskRows tasks();

    DependencyRows dependencies();

    DecisionRows decisions();

    SummaryRows summaries();

    TokenRows tokens();

    DumpRows dump();

    /** The next store-wide fencing token; strictly greater than every token handed out before. */
    FencingToken nextFencingToken();
}
