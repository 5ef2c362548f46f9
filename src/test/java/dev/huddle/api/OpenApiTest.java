package dev.huddle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.MiniJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiTest {

    static Map<String, Object> doc;

    @BeforeAll
    static void read() {
        doc = MiniJson.readObject(OpenApi.json("test"));
    }

    @Test
    void isOpenApi31_withBearerAuth() {
        assertThat(doc).containsEntry("openapi", "3.1.0");
        assertThat(at(doc, "components", "securitySchemes", "bearer")).isEqualTo(Map.of("type", "http", "scheme", "bearer"));
        assertThat(doc.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
    }

    @Test
    void everyOperation_isAtItsPathAndVerb_withTheErrorBodyAsDefault() {
        for (Operation op : Operations.ALL) {
            Map<String, Object> operation = at(doc, "paths", op.fullPath(), op.verb().name().toLowerCase());
            assertThat(operation).as(op.name()).containsEntry("operationId", op.name())
                    .containsEntry("x-huddle-read-only", op.readOnly())
                    .containsEntry("x-huddle-operator-only", op.operatorOnly());
            assertThat(at(operation, "responses", "default", "content", "application/json", "schema"))
                    .isEqualTo(Map.of("$ref", "#/components/schemas/Error"));
            if (op.verb() == Operation.Verb.POST) {
                Map<String, Object> properties = at(operation, "requestBody", "content", "application/json", "schema", "properties");
                assertThat(properties.keySet()).containsExactlyElementsOf(op.fields().stream().map(Operation.Field::name).toList());
            }
        }
        long documented = at(doc, "paths").values().stream().mapToLong(item -> ((Map<?, ?>) item).size()).sum();
        assertThat(documented).isEqualTo(Operations.ALL.size());
        assertThat(at(doc, "components", "schemas", "Error", "properties", "error").get("required")).isEqualTo(List.of("code", "message"));
    }

    @Test
    void everyRef_resolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        Map<String, Object> schemas = at(doc, "components", "schemas");
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/schemas/");
            assertThat(schemas).as(ref).containsKey(ref.substring("#/components/schemas/".length()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sealedTypes_areOneOfTheirVariants_withTheDiscriminator() {
        Map<String, Object> lock = at(doc, "components", "schemas", "LockOutcome");
        assertThat(lock.get("oneOf")).isEqualTo(List.of(Map.of("$ref", "#/components/schemas/LockOutcome.Granted"),
                Map.of("$ref", "#/components/schemas/LockOutcome.Denied")));
        assertThat(at(lock, "discriminator")).containsEntry("propertyName", "type");
        assertThat(at(lock, "discriminator", "mapping")).containsEntry("Denied", (Object) "#/components/schemas/LockOutcome.Denied");
        Map<String, Object> denied = at(doc, "components", "schemas", "LockOutcome.Denied");
        assertThat(at(denied, "properties", "type")).containsEntry("const", "Denied");
        assertThat((List<Object>) denied.get("required")).contains("type", "timedOut");
        for (var entry : at(doc, "components", "schemas").entrySet()) {
            Map<String, Object> schema = (Map<String, Object>) entry.getValue();
            if (schema.containsKey("oneOf")) {
                assertThat(schema).as(entry.getKey()).containsKey("discriminator");
            }
        }
    }

    @Test
    void getOperations_takeQueryParameters_namedAsTheQueryFormSendsThem() {
        Map<String, Object> check = at(doc, "paths", "/api/v1/leases/check", "get");
        List<?> parameters = (List<?>) check.get("parameters");
        assertThat(parameters).<Object>extracting(p -> ((Map<?, ?>) p).get("name")).containsExactly("caller", "paths");
        Map<String, Object> log = at(doc, "paths", "/api/v1/events/log", "get");
        assertThat((List<?>) log.get("parameters")).<Object>extracting(p -> ((Map<?, ?>) p).get("name"))
                .containsExactly("by", "kind", "task", "path", "afterSeq", "limit");
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("$ref".equals(k)) {
                    refs.add((String) v);
                } else {
                    collectRefs(v, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectRefs(v, refs));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... keys) {
        Map<String, Object> here = node;
        for (String key : keys) {
            assertThat(here).as("path to %s", key).containsKey(key);
            here = (Map<String, Object>) here.get(key);
        }
        return here;
    }
}
