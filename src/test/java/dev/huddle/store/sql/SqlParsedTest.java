package dev.huddle.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.Resource;
import org.junit.jupiter.api.Test;

class SqlParsedTest {

    @Test
    void aTextReadAgain_isTheValueParsedTheFirstTime_equalToAFreshParse() {
        assertThat(SqlParsed.agent("alice")).isSameAs(SqlParsed.agent("alice")).isEqualTo(new AgentId("alice"));
        assertThat(SqlParsed.resource("src/a.py")).isSameAs(SqlParsed.resource("src/a.py"))
                .isEqualTo(Resource.fromText("src/a.py"));
        assertThat(SqlParsed.resource("src/**/*.py")).isEqualTo(Resource.fromText("src/**/*.py"));
    }

    @Test
    void aTextThatDoesNotParse_failsAsTheParserDoes_everyTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> SqlParsed.agent("Not An Id")).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("invalid agent id");
            assertThatThrownBy(() -> SqlParsed.resource("../outside")).isInstanceOf(HuddleException.class);
        }
    }

    @Test
    void pastTheLimit_everythingIsForgotten_soMemoryStaysBounded() {
        AgentId first = SqlParsed.agent("first-of-many");
        for (int i = 0; i < SqlParsed.LIMIT; i++) {
            SqlParsed.agent("agent-" + i);
        }
        AgentId again = SqlParsed.agent("first-of-many");
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }
}
