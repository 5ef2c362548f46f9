package dev.huddle.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which revision {@code huddle mcp} serves, from the client's first message. */
class RevisionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Revision first(String message) throws Exception {
        return Revision.ofFirst(JSON.readTree(message));
    }

    static String meta(String version) {
        return "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\"}}";
    }

    @Test
    void ofFirst_whenInitialize_isTheSessionRevision() throws Exception {
        assertThat(first("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}"))
                .isEqualTo(Revision.SESSION);
        assertThat(first("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).isEqualTo(Revision.SESSION);
        assertThat(first("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + meta("2025-06-18") + "}"))
                .isEqualTo(Revision.SESSION);
    }

    @Test
    void ofFirst_whenDiscoverOrAVersionFrom20260728_isStateless() throws Exception {
        assertThat(first("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":" + meta("2026-07-28") + "}"))
                .isEqualTo(Revision.STATELESS);
        assertThat(first("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\"}")).isEqualTo(Revision.STATELESS);
        assertThat(first("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" + meta("2026-07-28") + "}"))
                .isEqualTo(Revision.STATELESS);
        // A version it does not know goes to the stateless server, which answers with the ones it supports.
        assertThat(first("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + meta("2099-01-01") + "}"))
                .isEqualTo(Revision.STATELESS);
    }
}
