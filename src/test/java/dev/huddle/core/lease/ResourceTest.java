package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.lease.Resource.GlobResource;
import dev.huddle.core.lease.Resource.PathResource;
import dev.huddle.core.lease.Resource.NamedResource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTest {

    @Nested
    class FromText {

        @ParameterizedTest
        @ValueSource(strings = {"src/a.py", "src/**", "*.py", "a\\*b/*.c", "name:port-3000", "a\\b"})
        void fromText_whenCanonical_roundTrips(String text) {
            assertThat(Resource.fromText(text).text()).isEqualTo(text);
            assertThat(Resource.fromText(text).toString()).isEqualTo(text);
        }

        @Test
        void fromText_whenPrefixOrWildcard_picksKind() {
            assertThat(Resource.fromText("name:deploy")).isEqualTo(new NamedResource("deploy"));
            assertThat(Resource.fromText("[n]ame:deploy")).isEqualTo(new GlobResource("[n]ame:deploy"));
            assertThat(Resource.fromText("src/a.py")).isEqualTo(new PathResource("src/a.py"));
        }
    }

    @Nested
    class Records {

        @ParameterizedTest
        @ValueSource(strings = {"/a", "a//b", "a/", "./a", "a/../b", ".."})
        void pathResource_whenNotCanonical_invalid(String path) {
            assertThatThrownBy(() -> new PathResource(path)).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("not a normalised");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/*.py", "src//*", "src/*/", "./*", "*/../a", "a\\/*"})
        void globResource_whenNotCanonical_invalid(String pattern) {
            assertThatThrownBy(() -> new GlobResource(pattern)).isInstanceOf(HuddleException.class)
                    .hasMessageContaining("not a normalised");
        }

        @Test
        void pathResource_whenWildcard_invalid() {
            assertThatThrownBy(() -> new PathResource("a*")).hasMessageContaining("glob");
        }

        @Test
        void globResource_whenNoWildcard_invalid() {
            assertThatThrownBy(() -> new GlobResource("a/b")).hasMessageContaining("lease it as a path");
        }
    }
}
