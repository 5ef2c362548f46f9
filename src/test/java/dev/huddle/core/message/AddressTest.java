package dev.huddle.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.agent.Role;
import dev.huddle.core.message.Address.ToAgent;
import dev.huddle.core.message.Address.ToEveryone;
import dev.huddle.core.message.Address.ToRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void parseList_whenAgentsRolesAndAll_eachKindInOrder() {
        assertThat(Address.parseList("bob,@reviewer,all")).containsExactly(
                new ToAgent(new AgentId("bob")), new ToRole(new Role("reviewer")), new ToEveryone());
    }

    @Test
    void parseList_whenUpperCase_foldedToLowerCase() {
        assertThat(Address.parseList("Bob,@Reviewer,ALL")).containsExactly(
                new ToAgent(new AgentId("bob")), new ToRole(new Role("reviewer")), new ToEveryone());
    }

    @Test
    void parseList_whenSpacesAroundCommas_ignored() {
        assertThat(Address.parseList(" bob , @reviewer,  carol ")).extracting(Address::text)
                .containsExactly("bob", "@reviewer", "carol");
    }

    @Test
    void parseList_whenDuplicatesInAnyCase_keptOnceFirstOrder() {
        assertThat(Address.parseList("carol,bob,CAROL,@r,@R,all,All")).extracting(Address::text)
                .containsExactly("carol", "bob", "@r", "all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "bob,", ",bob", "bob,,carol", "bob, ,carol"})
    void parseList_whenEmptyPart_refusedAsInvalidInput(String csv) {
        assertThatThrownBy(() -> Address.parseList(csv))
                .isInstanceOfSatisfying(HuddleException.class, e -> assertThat(e.kind()).isEqualTo(HuddleException.Kind.INVALID_INPUT))
                .hasMessageContaining("empty recipient");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@", "b ob", "@re viewer", "-x"})
    void parse_whenMalformedName_refused(String text) {
        assertThatThrownBy(() -> Address.parse(text)).isInstanceOf(HuddleException.class);
    }

    @Test
    void text_whenParsedBack_sameAddress() {
        for (Address a : Address.parseList("bob,@reviewer,all")) {
            assertThat(Address.parse(a.text())).isEqualTo(a);
        }
    }
}
