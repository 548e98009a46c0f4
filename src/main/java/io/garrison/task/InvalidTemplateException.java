package io.garrison.task;

/**
 * A command template refused before anything runs. The refusal is a type, so a caller can say it in its own
 * words (the command line does, in the user's language); the message is the English one for everyone else.
 */
public final class InvalidTemplateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why a template is refused. */
    public enum Refusal {
        /** Nothing but spaces. */
        EMPTY,
        /** A quote opens and never closes; the detail is the quote. */
        UNCLOSED_QUOTE,
        /** A replacement string Garrison does not know, such as {@code {1}} or {@code {..}}; the detail is the token. */
        UNKNOWN_TOKEN
    }

    private final Refusal refusal;
    private final String detail;

    InvalidTemplateException(Refusal refusal, String detail, String message) {
        super(message);
        this.refusal = refusal;
        this.detail = detail;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The quote or the token refused; empty for {@link Refusal#EMPTY}. */
    public String detail() {
        return detail;
    }
}
