package dev.huddle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.app.lease.LockOutcome;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.FencingToken;
import dev.huddle.core.task.TaskId;
import dev.huddle.json.MiniJson;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final int ROUNDS = 40;

    @Test
    void everyOperation_requestsAndResults_surviveARoundTrip() {
        long seed = System.nanoTime();
        System.out.println("JsonCodecTest seed: " + seed);
        Samples samples = new Samples(seed);
        for (Operation op : Operations.ALL) {
            for (int round = 0; round < ROUNDS; round++) {
                List<Operation.Field> fields = op.fields();
                Object[] args = new Object[fields.size()];
                for (int k = 0; k < args.length; k++) {
                    args[k] = samples.of(fields.get(k).type());
                }
                String body = MiniJson.write(JsonCodec.request(op, args));
                assertThat(JsonCodec.arguments(op, MiniJson.readObject(body)))
                        .as("request of %s (seed %d): %s", op.name(), seed, body).containsExactly(args);

                if (op.verb() == Operation.Verb.GET) {
                    Map<String, List<String>> query = new java.util.LinkedHashMap<>();
                    for (var p : QueryForm.parameters(op, args)) {
                        query.computeIfAbsent(p.getKey(), k -> new java.util.ArrayList<>()).add(p.getValue());
                    }
                    assertThat(JsonCodec.arguments(op, QueryForm.body(op, query)))
                            .as("query of %s (seed %d): %s", op.name(), seed, query).containsExactly(args);
                }

                Type type = op.result();
                Object result = samples.of(type);
                String text = JsonCodec.write(result, type);
                assertThat(JsonCodec.read(text, type)).as("result of %s (seed %d): %s", op.name(), seed, text)
                        .isEqualTo(result);
            }
        }
    }

    @Test
    void valueTypes_areWrittenAsTheirValue_sealedTypesNameTheirVariant() {
        assertThat(JsonCodec.write(new AgentId("alice"), AgentId.class)).isEqualTo("\"alice\"");
        assertThat(JsonCodec.write(new FencingToken(42), FencingToken.class)).isEqualTo("42");
        assertThat(JsonCodec.write(TaskId.parse("T-3"), TaskId.class)).isEqualTo("\"T-3\"");
        LockOutcome denied = new LockOutcome.Denied(List.of(), List.of(), true);
        assertThat(JsonCodec.write(denied, LockOutcome.class))
                .isEqualTo("{\"type\":\"Denied\",\"conflicts\":[],\"queuedAhead\":[],\"timedOut\":true}");
        assertThat(JsonCodec.write(Optional.empty(), Operations.named("agentForSession").orElseThrow().result()))
                .isEqualTo("null");
    }

    @Test
    void badInput_isRefusedNamingWhere() {
        Operation lock = Operations.named("lock").orElseThrow();
        assertThatThrownBy(() -> JsonCodec.arguments(lock, Map.of("request", Map.of("caller", "alice", "mode", "BOTH"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request.mode")
                .hasMessageContaining("EXCLUSIVE");
        assertThatThrownBy(() -> JsonCodec.arguments(lock, Map.of("requets", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown field 'requets'");
        assertThatThrownBy(() -> JsonCodec.read("{\"type\":\"Maybe\"}", LockOutcome.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Granted, Denied]");
        assertThatThrownBy(() -> JsonCodec.read("{\"type\":\"Denied\",\"timedOut\":\"soon\"}", LockOutcome.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.timedOut");
    }
}
