package dev.huddle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.api.Operation.Verb;
import dev.huddle.app.Coordinator;
import dev.huddle.core.agent.AgentId;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationsTest {

    @Test
    void table_namesEveryMethodOfEveryFamily_exactlyOnce() {
        List<String> declared = new ArrayList<>();
        for (Class<?> family : Operations.FAMILIES) {
            for (Method m : family.getDeclaredMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && !m.isDefault() && !m.isSynthetic()) {
                    declared.add(family.getSimpleName() + "." + m.getName());
                }
            }
        }
        List<String> tabled = Operations.ALL.stream().map(o -> o.family().getSimpleName() + "." + o.method().getName()).toList();
        assertThat(tabled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
        assertThat(Operations.ALL.stream().map(Operation::name)).doesNotHaveDuplicates();
    }

    @Test
    void families_areExactlyTheCoordinatorsAccessors() {
        List<Class<?>> accessors = Arrays.stream(Coordinator.class.getDeclaredMethods())
                .filter(m -> m.getParameterCount() == 0 && Operations.FAMILIES.contains(m.getReturnType()))
                .<Class<?>>map(Method::getReturnType).toList();
        assertThat(accessors).containsExactlyInAnyOrderElementsOf(Operations.FAMILIES);
        for (Operation op : Operations.ALL) {
            assertThat(op.family()).as(op.name()).isSameAs(methodOf(op.accessor()).getReturnType());
        }
    }

    @Test
    void routes_areUniqueAndUnderTheApiPrefix() {
        Set<String> routes = new HashSet<>();
        for (Operation op : Operations.ALL) {
            assertThat(routes.add(op.verb() + " " + op.fullPath())).as("duplicate route %s %s", op.verb(), op.path()).isTrue();
            assertThat(op.fullPath()).startsWith("/api/v1/").matches("/api/v1(/[a-z][a-z-]*)+");
            assertThat(Operations.route(op.verb(), op.fullPath())).contains(op);
        }
    }

    @Test
    void aGet_isReadOnlyOrAStream_andItsFieldsFitAQuery() {
        for (Operation op : Operations.ALL) {
            if (op.verb() == Verb.GET) {
                assertThat(op.readOnly() || op.isStream()).as(op.name()).isTrue();
                assertThat(QueryForm.fits(op)).as("%s: fields fit a query string", op.name()).isTrue();
            }
            if (op.isStream()) {
                assertThat(op.verb()).as("%s streams server-sent events, which need a GET", op.name()).isEqualTo(Verb.GET);
            }
        }
    }

    @Test
    void everyFieldThatNamesTheActingAgent_isBoundFromTheToken() {
        for (Operation op : Operations.ALL) {
            for (Operation.Field f : op.fields()) {
                if (f.name().equals("caller")) {
                    assertThat(op.callerFields()).as(op.name()).contains("caller");
                    assertThat(isAgent(f.type())).as("%s.caller is an agent id", op.name()).isTrue();
                }
                if (f.type() instanceof Class<?> c && c.isRecord()) {
                    for (RecordComponent rc : c.getRecordComponents()) {
                        if (rc.getName().equals("caller")) {
                            assertThat(op.callerFields()).as(op.name()).contains(f.name() + ".caller");
                        }
                    }
                }
            }
            for (String path : op.callerFields()) {
                if (path.equals(Operation.OPERATOR_FIELD)) {
                    assertThat(typeAt(op, path)).as("%s: the operator flag", op.name()).isEqualTo(boolean.class);
                } else {
                    assertThat(isAgent(typeAt(op, path))).as("%s: %s names an agent", op.name(), path).isTrue();
                }
            }
        }
        assertThat(Operations.named("register").orElseThrow().callerFields()).containsExactly("id");
        assertThat(Operations.named("mayEdit").orElseThrow().callerFields()).containsExactly("session.named");
        assertThat(Operations.named("lock").orElseThrow().callerFields()).containsExactly("request.caller");
        assertThat(Operations.named("identity").orElseThrow().callerFields()).containsExactly("caller", "operator");
    }

    @Test
    void filesOnTheServersMachine_areTheOperatorsAlone() {
        List<String> operatorOnly = Operations.ALL.stream().filter(Operation::operatorOnly).map(Operation::name).toList();
        assertThat(operatorOnly).containsExactlyInAnyOrder("init", "backup", "gc", "exportJsonl", "importJsonl", "exportMarkdown");
    }

    private static Type typeAt(Operation op, String path) {
        String[] parts = path.split("\\.");
        Type type = op.fields().stream().filter(f -> f.name().equals(parts[0])).findFirst().orElseThrow().type();
        for (int k = 1; k < parts.length; k++) {
            String name = parts[k];
            type = Arrays.stream(((Class<?>) type).getRecordComponents()).filter(c -> c.getName().equals(name))
                    .findFirst().orElseThrow().getGenericType();
        }
        return type;
    }

    private static boolean isAgent(Type type) {
        if (type instanceof ParameterizedType p) {
            return p.getRawType() == java.util.Optional.class && p.getActualTypeArguments()[0] == AgentId.class;
        }
        return type == AgentId.class;
    }

    private static Method methodOf(String accessor) {
        try {
            return Coordinator.class.getMethod(accessor);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Coordinator has no accessor " + accessor, e);
        }
    }
}
