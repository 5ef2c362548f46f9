package dev.huddle.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.message.Message;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MessageRows#search}: words in subjects and bodies; the user's text is never query syntax. */
abstract class MessageSearchContract extends StoreCase {

    Message parser;
    Message deploy;

    @BeforeEach
    void messages() {
        register("alice", "bob");
        parser = write((Tx tx) -> tx.messages().insert(message("alice", "Parser status", "the tokenizer and lexer are done",
                null), List.of(id("bob"))));
        deploy = write((Tx tx) -> tx.messages().insert(message("bob", null, "Deploy is blocked (waiting on CI)", null),
                List.of(id("alice"))));
    }

    private List<Long> search(String query) {
        return read((Tx tx) -> tx.messages().search(query, 10)).stream().map(Message::id).toList();
    }

    @Test
    void search_whenWordInBody_findsMessage() {
        assertThat(search("tokenizer")).containsExactly(parser.id());
    }

    @Test
    void search_whenWordInSubject_findsMessage() {
        assertThat(search("parser")).containsExactly(parser.id());
    }

    @Test
    void search_whenDifferentCase_stillFound() {
        assertThat(search("DEPLOY")).containsExactly(deploy.id());
    }

    @Test
    void search_whenSeveralWords_messagesWithEveryWord() {
        assertThat(search("lexer tokenizer")).containsExactly(parser.id());
        assertThat(search("lexer deploy")).isEmpty();
    }

    @Test
    void search_whenNoMatch_empty() {
        assertThat(search("kubernetes")).isEmpty();
    }

    @Test
    void search_whenLimit_atMostThatMany() {
        write((Tx tx) -> tx.messages().insert(message("alice", null, "deploy again", null), List.of(id("bob"))));
        assertThat(read((Tx tx) -> tx.messages().search("deploy", 1))).hasSize(1);
        assertThat(search("deploy")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"blocked", "blocked\"", "(blocked", "blocked)", "blocked*", "^blocked", "{blocked}",
        "\"blocked\"", "blocked:", "(waiting"})
    void search_whenWordWrappedInQuerySyntax_wordFound(String query) {
        assertThat(search(query)).as(query).containsExactly(deploy.id());
    }

    /** Read as FTS syntax each of these would find the parser message; read as words none does. */
    @ParameterizedTest
    @ValueSource(strings = {"tokenizer OR kubernetes", "subject:parser", "NEAR(tokenizer lexer)", "lexer NOT kubernetes"})
    void search_whenOperatorsOrColumns_readAsPlainWords(String query) {
        assertThat(search(query)).as(query).isEmpty();
    }

    @Test
    void search_whenOperatorAlone_readAsTheWord() {
        assertThat(search("AND")).as("'and' is a word of the parser message").containsExactly(parser.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\"", "\"\"", "()", "*", "'", "\\", "-", ":", "NOT", "OR OR"})
    void search_whenNoWordsOrOnlySyntax_emptyWithoutException(String query) {
        assertThat(search(query)).as(query).isEmpty();
    }
}
