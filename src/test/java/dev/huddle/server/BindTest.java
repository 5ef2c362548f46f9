package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import org.junit.jupiter.api.Test;

class BindTest {

    @Test
    void parse_hostAndPort_ipv6InBrackets_andAnEmptyHostIsLoopback() {
        assertThat(Bind.parse("127.0.0.1:0")).isEqualTo(new Bind("127.0.0.1", 0));
        assertThat(Bind.parse("[::1]:7431")).isEqualTo(new Bind("::1", 7431));
        assertThat(Bind.parse(":8080")).isEqualTo(new Bind("127.0.0.1", 8080));
        assertThat(new Bind("::1", 7431).toString()).isEqualTo("[::1]:7431");
    }

    @Test
    void loopback_onlyForLoopbackAddresses() {
        assertThat(Bind.parse("127.0.0.1:0").loopback()).isTrue();
        assertThat(Bind.parse("[::1]:0").loopback()).isTrue();
        assertThat(Bind.parse("localhost:0").loopback()).isTrue();
        assertThat(Bind.parse("0.0.0.0:0").loopback()).isFalse();
        assertThat(Bind.parse("[::]:0").loopback()).isFalse();
    }

    @Test
    void parse_badText_isInvalidInput_sayingWhatToWrite() {
        for (String bad : new String[] {"7431", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:65536", "::1:7431", "h:123456"}) {
            assertThatThrownBy(() -> Bind.parse(bad)).as(bad).isInstanceOfSatisfying(HuddleException.class,
                    e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT));
        }
    }
}
