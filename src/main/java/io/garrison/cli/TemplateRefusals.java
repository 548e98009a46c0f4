package io.garrison.cli;

import io.garrison.task.CommandTemplate;
import io.garrison.task.InvalidTemplateException;

/**
 * Checks a command template before anything runs and says why it is refused in the user's language; the rules
 * themselves are {@link CommandTemplate}'s.
 */
final class TemplateRefusals {

    private TemplateRefusals() {
    }

    /** @throws IllegalArgumentException with the refusal in the command line's words */
    static void check(String template) {
        try {
            CommandTemplate.parse(template);
        } catch (InvalidTemplateException e) {
            throw new IllegalArgumentException(CliText.get("cli.run.template." + e.refusal().name(), e.detail(),
                    CommandTemplate.knownTokens()), e);
        }
    }
}
