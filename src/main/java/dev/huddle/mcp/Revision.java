package dev.huddle.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Which MCP protocol revision a client speaks, so one endpoint (or one stdio process) serves
 * both: the session revision 2025-11-25 (and older), which opens with {@code initialize}, and the
 * stateless 2026-07-28, whose every request names its version (spec 2026-07-28, basic/versioning,
 * "a dual-era server selects its behavior from how the client opens"). Revision dates compare as
 * text.
 */
enum Revision {
    SESSION, STATELESS;

    /** The first stateless revision. */
    static final String STATELESS_VERSION = "2026-07-28";
    private static final String DISCOVER = "server/discover";
    private static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";

    /**
     * Over HTTP, by headers alone (the body is the chosen server's to read): a request of an
     * {@code Mcp-Session-Id} session, or without {@code MCP-Protocol-Version} (an
     * {@code initialize}), or naming a version before 2026-07-28, is the session revision's;
     * any other version is the stateless server's, which refuses one it does not know with the
     * versions it supports.
     */
    static Revision of(HttpServletRequest request) {
        if (request.getHeader("Mcp-Session-Id") != null) {
            return SESSION;
        }
        return ofVersion(request.getHeader("MCP-Protocol-Version"));
    }

    /**
     * Over stdio, by the first message, for the process's lifetime: {@code server/discover} (how a
     * client of both revisions probes), or a message carrying a protocol version in {@code _meta}
     * (any request of a stateless client), is stateless; {@code initialize}, or anything else, is
     * the session revision, as before.
     */
    static Revision ofFirst(JsonNode message) {
        if (DISCOVER.equals(message.path("method").asText())) {
            return STATELESS;
        }
        JsonNode version = message.path("params").path("_meta").path(META_VERSION);
        return version.isTextual() ? ofVersion(version.asText()) : SESSION;
    }

    private static Revision ofVersion(String version) {
        return version == null || version.isBlank() || version.compareTo(STATELESS_VERSION) < 0 ? SESSION : STATELESS;
    }
}
