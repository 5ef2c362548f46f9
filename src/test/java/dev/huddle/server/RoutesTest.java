package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static final Routes.Handler NONE = r -> Reply.ok(Map.of());

    @Test
    void match_literalSegmentBeatsAParameter_whateverTheOrderOfRegistration() {
        Routes routes = new Routes().get("/api/v1/tasks/{id}", NONE).get("/api/v1/tasks/ready", NONE);
        Routes.Match m = routes.match("GET", "/api/v1/tasks/ready");
        assertThat(m).isInstanceOfSatisfying(Routes.Match.Found.class,
                f -> assertThat(f.route().path().text()).isEqualTo("/api/v1/tasks/ready"));
        assertThat(routes.match("GET", "/api/v1/tasks/T-1")).isInstanceOfSatisfying(Routes.Match.Found.class,
                f -> assertThat(f.params()).containsEntry("id", "T-1"));
    }

    @Test
    void match_knownPathOtherMethod_isWrongMethod_withEveryAllowedMethod() {
        Routes routes = new Routes().get("/api/v1/leases", NONE).post("/api/v1/leases", NONE);
        assertThat(routes.match("DELETE", "/api/v1/leases")).isEqualTo(new Routes.Match.WrongMethod(java.util.Set.of("GET", "POST")));
    }

    @Test
    void match_unknownOrMalformedPath_isNotFound() {
        Routes routes = new Routes().get("/api/v1/tasks/{id}", NONE);
        for (String path : new String[] {"/api/v1/tasks", "/api/v1/tasks/", "/api/v1/tasks//", "/api/v1/tasks/a/b", "api/v1/tasks/a"}) {
            assertThat(routes.match("GET", path)).as(path).isInstanceOf(Routes.Match.NotFound.class);
        }
    }

    @Test
    void match_parametersArePercentDecoded_andPlusStaysPlus() {
        Routes routes = new Routes().get("/api/v1/files/{path}", NONE);
        assertThat(routes.match("GET", "/api/v1/files/src%2Fa+b.py")).isInstanceOfSatisfying(Routes.Match.Found.class,
                f -> assertThat(f.params()).containsEntry("path", "src/a+b.py"));
    }

    @Test
    void add_anAmbiguousRoute_isRefused() {
        Routes routes = new Routes().get("/api/v1/tasks/{id}", NONE);
        assertThatThrownBy(() -> routes.get("/api/v1/tasks/{task}", NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ambiguous");
        routes.post("/api/v1/tasks/{task}", NONE);
        assertThat(routes.all()).hasSize(2);
    }

    @Test
    void add_malformedPaths_areRefused() {
        for (String bad : new String[] {"api", "/api/", "/a//b", "/a/{x", "/a/b{x}"}) {
            assertThatThrownBy(() -> new Routes().get(bad, NONE)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
