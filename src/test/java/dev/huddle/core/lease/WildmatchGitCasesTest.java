package dev.huddle.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Wildmatch} against cases from git's t3070-wildmatch.sh, first column (wildmatch with
 * WM_PATHNAME), plus cases showing that {@code **}{@code /} matches whole directories only. Patterns
 * git treats as malformed (never matching) are refused by {@link Wildmatch#compile} instead; see
 * {@link WildmatchTest}.
 */
class WildmatchGitCasesTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            foo            | foo            | true
            foo            | bar            | false
            ???            | foo            | true
            ??             | foo            | false
            *              | foo            | true
            f*             | foo            | true
            *f             | foo            | false
            *foo*          | foo            | true
            *ob*a*r*       | foobar         | true
            *ab            | aaaaaaabababab | true
            foo\\*         | foo*           | true
            foo\\*bar      | foobar         | false
            f\\\\oo        | f\\oo          | true
            *[al]?         | ball           | true
            [ten]          | ten            | false
            **[!te]        | ten            | true
            **[!ten]       | ten            | false
            t[a-g]n        | ten            | true
            t[!a-g]n       | ten            | false
            t[!a-g]n       | ton            | true
            t[^a-g]n       | ton            | true
            a[]]b          | a]b            | true
            a[]-]b         | a-b            | true
            a[]-]b         | a]b            | true
            a[]-]b         | aab            | false
            a[]a-]b        | aab            | true
            ]              | ]              | true
            foo*bar        | foo/baz/bar    | false
            foo**bar       | foo/baz/bar    | false
            foo**bar       | foobazbar      | true
            foo/**/bar     | foo/baz/bar    | true
            foo/**/**/bar  | foo/baz/bar    | true
            foo/**/bar     | foo/b/a/z/bar  | true
            foo/**/bar     | foo/bar        | true
            foo/**/**/bar  | foo/bar        | true
            foo/**/bar     | foo/xbar       | false
            foo/**/bar     | foo/x/ybar     | false
            **/foo         | xfoo           | false
            **/foo         | x/yfoo         | false
            foo?bar        | foo/bar        | false
            foo[^a-z]bar   | foo/bar        | false
            **/foo         | foo            | true
            **/foo         | XXX/foo        | true
            **/foo         | bar/baz/foo    | true
            */foo          | bar/baz/foo    | false
            **/bar*        | foo/bar/baz    | false
            **/bar/*       | deep/foo/bar/baz | true
            **/bar/*       | deep/foo/bar   | false
            **/bar/**      | deep/foo/bar/  | true
            **/bar**       | foo/bar/baz    | false
            */bar/**       | foo/bar/baz/x  | true
            */bar/**       | deep/foo/bar/baz/x | false
            **/bar/*/*     | deep/foo/bar/baz/x | true
            a[c-c]rt       | acrt           | true
            [!]-]          | ]              | false
            [!]-]          | a              | true
            */\\\\         | XXX/\\         | true
            \\[ab]         | [ab]           | true
            [[]ab]         | [ab]           | true
            [[:]ab]        | [ab]           | true
            [[:digit]ab]   | [ab]           | true
            \\??\\?b       | ?a?b           | true
            \\a\\b\\c      | abc            | true
            **/t[o]        | foo/bar/baz/to | true
            [\\\\-^]       | ]              | true
            [\\\\-^]       | [              | false
            [\\-_]         | -              | true
            [\\]]          | ]              | true
            [--A]          | 5              | true
            '[ --]'        | $              | true
            '[ --]'        | 0              | false
            [---]          | -              | true
            [------]       | -              | true
            [a-e-n]        | j              | false
            [a-e-n]        | -              | true
            [!------]      | a              | true
            []-a]          | ^              | true
            []-a]          | [              | false
            [a^bc]         | ^              | true
            [a-]b]         | -b]            | true
            [A-\\\\]       | G              | true
            [\\1-\\3]      | 2              | true
            [\\1-\\3]      | 4              | false
            [[-\\]]        | \\             | true
            [[-\\]]        | -              | false
            */*/*          | foo/bar        | false
            */*/*          | foo/bba/arr    | true
            */*/*          | foo/bb/aa/rr   | false
            **/**/**       | foo/bb/aa/rr   | true
            *X*i           | ab/cXd/efXg/hi | false
            **/*X*/**/*i   | ab/cXd/efXg/hi | true
            foo/*          | foo/bba/arr    | false
            foo/**         | foo/bba/arr    | true
            foo/**         | foo            | false
            foo**          | foo/bba/arr    | false
            foo/**arr      | foo/bba/arr    | false
            [A-Z]          | a              | false
            [B-a]          | a              | true
            """)
    void matches_whenGitCase_agreesWithGit(String pattern, String path, boolean expected) {
        assertThat(Wildmatch.compile(pattern).matches(path)).isEqualTo(expected);
    }
}
