package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command kind's argv template: its words, its replacement strings and the braces it refuses. */
class CommandTemplateTest {

    private static java.util.List<String> expand(String template, String input) {
        return CommandTemplate.parse(template).expand(input, 7, 2, "/o/f");
    }

    @Test
    void wordsSplitLikeAShellButNoShellEverRuns() {
        assertThat(expand("sh -c 'echo \"$1\"' _ {}", "a; rm -rf /"))
                .containsExactly("sh", "-c", "echo \"$1\"", "_", "a; rm -rf /");
        assertThat(expand("cp {} \"{/.} copy\"", "dir/it's \"here\".txt"))
                .as("an input with spaces and quotes stays inside its one word")
                .containsExactly("cp", "dir/it's \"here\".txt", "it's \"here\" copy");
    }

    @Test
    void textPutInForAReplacementStringIsNeverExpandedAgain() {
        assertThat(CommandTemplate.parse("cp {} {out}").expand("{out}/../{#}", 1, 1, "/o/{}/f"))
                .containsExactly("cp", "{out}/../{#}", "/o/{}/f");
    }

    @Test
    void theInputGoesLastOnlyWhenTheTemplateNamesNoReplacementStringAtAll() {
        assertThat(expand("echo", "x y")).containsExactly("echo", "x y");
        assertThat(expand("echo {#}", "x")).as("as parallel: {#} alone takes the input's place").containsExactly("echo", "7");
        assertThat(expand("echo {%}", "x")).containsExactly("echo", "2");
        assertThat(expand("cp {out}.{#} {/}", "a/b")).containsExactly("cp", "/o/f.7", "b");
        assertThat(expand("touch {out}", "x")).containsExactly("touch", "/o/f");
    }

    @Test
    void pathReplacementStringsTakeTheInputApartAsParallelDoes() {
        String all = "{} {.} {/} {//} {/.}";
        assertThat(expand(all, "a/b.tar.gz")).containsExactly("a/b.tar.gz", "a/b.tar", "b.tar.gz", "a", "b.tar");
        assertThat(expand(all, "noext")).containsExactly("noext", "noext", "noext", ".", "noext");
        assertThat(expand(all, ".hidden")).containsExactly(".hidden", "", ".hidden", ".", "");
        assertThat(expand(all, "dir.d/file")).containsExactly("dir.d/file", "dir.d/file", "file", "dir.d", "file");
        assertThat(expand(all, "trailing/")).containsExactly("trailing/", "trailing/", "", ".", "");
        assertThat(expand(all, "/")).containsExactly("/", "/", "", "/", "");
        assertThat(expand(all, "a//b.c")).containsExactly("a//b.c", "a//b", "b.c", "a", "b");
        assertThat(expand("{.}.png", "photos/cat.jpg")).as("a token with text after it").containsExactly("photos/cat.png");
    }

    @Test
    void aBraceShapedLikeAReplacementStringGarrisonDoesNotKnowIsRefusedByName() {
        for (String token : new String[] {"{foo}", "{1}", "{..}", "{base}", "{print}", "{+/}", "{0%}", "{##}"}) {
            assertThatThrownBy(() -> CommandTemplate.parse("echo x" + token + "y"))
                    .isInstanceOfSatisfying(InvalidTemplateException.class, refused -> {
                        assertThat(refused.refusal()).isEqualTo(InvalidTemplateException.Refusal.UNKNOWN_TOKEN);
                        assertThat(refused.detail()).isEqualTo(token);
                        assertThat(refused.getMessage()).contains(token);
                    });
        }
        assertThatThrownBy(() -> CommandTemplate.parse("echo '{= s/a/b/ =}'"))
                .isInstanceOfSatisfying(InvalidTemplateException.class,
                        refused -> assertThat(refused.detail()).isEqualTo("{= s/a/b/ =}"));
        assertThatThrownBy(() -> CommandTemplate.parse("echo {= s/a/b/ =}"))
                .as("a perl expression split into words").isInstanceOf(InvalidTemplateException.class);
    }

    @Test
    void bracesThatHoldCodeStayAsTheyAre() {
        assertThat(expand("awk '{ print $1 }' {}", "f")).containsExactly("awk", "{ print $1 }", "f");
        assertThat(expand("sh -c 'echo ${HOME}/{/}; f() { :; }'", "a/b"))
                .containsExactly("sh", "-c", "echo ${HOME}/b; f() { :; }");
        assertThat(expand("curl -d '{\"id\":\"{}\"}' {out}", "42"))
                .containsExactly("curl", "-d", "{\"id\":\"42\"}", "/o/f");
        assertThat(expand("echo {a,b} {}", "x")).containsExactly("echo", "{a,b}", "x");
        assertThat(expand("echo {", "x")).containsExactly("echo", "{", "x");
    }

    @Test
    void anEmptyTemplateOrAnOpenQuoteIsRefused() {
        assertThatThrownBy(() -> CommandTemplate.parse("  "))
                .isInstanceOfSatisfying(InvalidTemplateException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(InvalidTemplateException.Refusal.EMPTY));
        assertThatThrownBy(() -> CommandTemplate.parse("echo 'x"))
                .isInstanceOfSatisfying(InvalidTemplateException.class, refused -> {
                    assertThat(refused.refusal()).isEqualTo(InvalidTemplateException.Refusal.UNCLOSED_QUOTE);
                    assertThat(refused.detail()).isEqualTo("'");
                });
    }
}
