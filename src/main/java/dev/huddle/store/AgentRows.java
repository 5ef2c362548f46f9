package dev.huddle.store;

import dev.huddle.core.agent.Agent;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Sighting;
import java.util.List;
import java.util.Optional;

/** Registered agents, departed ones included. */
public interface AgentRows {

    Optional<Agent> find(AgentId id);

    /** Every agent, ordered by id. */
    List<Agent> all();

    /** When every agent was last seen, ordered by id: presence without reading profiles. */
    List<Sighting> sightings();

    void insert(Agent agent);

    /** Replaces every stored field of the agent with the given values, except its registration time. */
    void update(Agent agent);
}
