package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostNamesTest {

    private final HostNames loopback = new HostNames("127.0.0.1", Set.of());

    @Test
    void allows_loopbackNamesInAnySpelling() {
        for (String host : new String[] {"localhost", "localhost:7431", "LocalHost", "127.0.0.1:1", "[::1]:7431", "[0:0:0:0:0:0:0:1]"}) {
            assertThat(loopback.allows(host, "127.0.0.1")).as(host).isTrue();
        }
    }

    @Test
    void allows_namesGivenWithAllowHost_andNothingElse() {
        HostNames proxied = new HostNames("127.0.0.1", Set.of("huddle.example.com"));
        assertThat(proxied.allows("huddle.example.com", "127.0.0.1")).isTrue();
        assertThat(proxied.allows("HUDDLE.example.com:443", "127.0.0.1")).isTrue();
        assertThat(proxied.allows("evil.example.com", "127.0.0.1")).isFalse();
        assertThat(proxied.allows("huddle.example.com.evil.example", "127.0.0.1")).isFalse();
    }

    @Test
    void allows_theConnectionsOwnAddress_onlyAsAnAddress() {
        HostNames wildcard = new HostNames("0.0.0.0", Set.of());
        assertThat(wildcard.allows("192.168.1.5:7431", "192.168.1.5")).isTrue();
        assertThat(wildcard.allows("192.168.1.6:7431", "192.168.1.5")).isFalse();
        assertThat(wildcard.allows("printer.local", "192.168.1.5")).isFalse();
    }

    @Test
    void allows_emptyOrJunk_refused() {
        for (String host : new String[] {"", ":7431", "[", "evil@127.0.0.1", "127.0.0.1 evil"}) {
            assertThat(loopback.allows(host, "127.0.0.1")).as("'%s'", host).isFalse();
        }
    }

    @Test
    void sameOrigin_needsTheSameHostAndPort_defaultPortsByScheme() {
        assertThat(HostNames.sameOrigin("http://127.0.0.1:7431", "127.0.0.1:7431")).isTrue();
        assertThat(HostNames.sameOrigin("https://huddle.example.com", "huddle.example.com")).isTrue();
        assertThat(HostNames.sameOrigin("http://huddle.example.com", "huddle.example.com:80")).isTrue();
        assertThat(HostNames.sameOrigin("http://localhost:3000", "localhost:7431")).isFalse();
        assertThat(HostNames.sameOrigin("http://evil.example:7431", "127.0.0.1:7431")).isFalse();
        assertThat(HostNames.sameOrigin("null", "127.0.0.1:7431")).isFalse();
        assertThat(HostNames.sameOrigin("not a uri", "127.0.0.1:7431")).isFalse();
    }
}
