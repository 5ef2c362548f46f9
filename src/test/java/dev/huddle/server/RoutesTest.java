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

    /**
     * The table's answer for any path equals the definition: among the routes whose pattern matches,
     * the most specific one of the method; else the methods of those that match; else nothing.
     */
    @Test
    void match_randomTablesAndPaths_agreeWithTheDefinition() {
        long seed = System.nanoTime();
        System.out.println("RoutesTest seed " + seed);
        java.util.Random random = new java.util.Random(seed);
        String[] words = {"a", "b", "tasks", "{id}", "{x}"};
        String[] methods = {"GET", "POST", "DELETE"};
        for (int round = 0; round < 200; round++) {
            Routes routes = new Routes();
            java.util.List<Routes.Route> added = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                StringBuilder path = new StringBuilder();
                for (int d = 0, depth = 1 + random.nextInt(3); d < depth; d++) {
                    path.append('/').append(words[random.nextInt(words.length)]);
                }
                String method = methods[random.nextInt(methods.length)];
                try {
                    routes.add(method, path.toString(), NONE);
                    added.add(new Routes.Route(method, PathPattern.of(path.toString()), NONE));
                } catch (IllegalArgumentException ambiguous) {
                    // Same shape as one already there: the table refuses it, the definition never sees it.
                }
            }
            for (int i = 0; i < 20; i++) {
                StringBuilder path = new StringBuilder();
                for (int d = 0, depth = 1 + random.nextInt(3); d < depth; d++) {
                    path.append('/').append(new String[] {"a", "b", "tasks", "T-1", ""}[random.nextInt(5)]);
                }
                String method = methods[random.nextInt(methods.length)];
                assertThat(describe(routes.match(method, path.toString())))
                        .as("seed %d: %s %s", seed, method, path).isEqualTo(expected(added, method, path.toString()));
            }
        }
    }

    private static String expected(java.util.List<Routes.Route> table, String method, String path) {
        Routes.Route best = null;
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        for (Routes.Route r : table) {
            if (r.path().match(path).isEmpty()) {
                continue;
            }
            allowed.add(r.method());
            if (r.method().equals(method) && (best == null || r.path().moreSpecificThan(best.path()))) {
                best = r;
            }
        }
        return best != null ? "found " + best.path().text() + " " + best.path().match(path).orElseThrow()
                : allowed.isEmpty() ? "not found" : "wrong method " + allowed;
    }

    private static String describe(Routes.Match m) {
        return switch (m) {
            case Routes.Match.Found f -> "found " + f.route().path().text() + " " + f.params();
            case Routes.Match.WrongMethod w -> "wrong method " + w.allowed();
            case Routes.Match.NotFound n -> "not found";
        };
    }
}
