package io.garrison.ui.main;

import io.garrison.ui.i18n.I18n;
import java.util.function.Consumer;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.TextFormatter;
import javafx.util.StringConverter;

/**
 * Makes an editable spinner of whole numbers take only what it can hold: its field refuses anything but
 * digits, and a number outside the spinner's range becomes the nearest bound. Either is told in words (the
 * toolbar shows them under the field) and neither throws: the spinner's own converter threw
 * NumberFormatException on the FX thread for {@code abc} and clamped {@code 500} to 64 without a word.
 * FX thread.
 */
final class WholeNumberInput {

    /** Any nine digits fit an int, so a number the field holds can always be read and then clamped. */
    private static final int MAX_DIGITS = 9;

    private final Spinner<Integer> spinner;
    private final IntegerSpinnerValueFactory range;
    private final String fieldKey;
    private final Consumer<String> tell;

    private WholeNumberInput(Spinner<Integer> spinner, String fieldKey, Consumer<String> tell) {
        this.spinner = spinner;
        this.range = (IntegerSpinnerValueFactory) spinner.getValueFactory();
        this.fieldKey = fieldKey;
        this.tell = tell;
    }

    /**
     * Guards {@code spinner}, whose value factory must be an {@link IntegerSpinnerValueFactory}.
     * @param fieldKey the bundle key of the field's name, as the toolbar labels it
     * @param tell shown what was refused or changed, in the chosen language
     */
    static void install(Spinner<Integer> spinner, String fieldKey, Consumer<String> tell) {
        WholeNumberInput input = new WholeNumberInput(spinner, fieldKey, tell);
        spinner.getEditor().setTextFormatter(new TextFormatter<String>(input::digitsOnly));
        input.range.setConverter(input.new Clamping());
    }

    private TextFormatter.Change digitsOnly(TextFormatter.Change change) {
        String text = change.getControlNewText();
        if (text.length() <= MAX_DIGITS && isDigits(text)) {
            return change;
        }
        tell.accept(I18n.get("ui.input.digitsOnly", I18n.get(fieldKey), range.getMin(), range.getMax()));
        return null;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Reads the field for the spinner: the number typed, within the range; an empty field keeps the value. */
    private final class Clamping extends StringConverter<Integer> {

        @Override
        public String toString(Integer value) {
            return value == null ? "" : value.toString();
        }

        @Override
        public Integer fromString(String text) {
            Integer current = range.getValue();
            String digits = text == null ? "" : text.strip();
            if (digits.isEmpty() || digits.length() > MAX_DIGITS || !isDigits(digits)) {
                // Only an emptied field gets here (the formatter lets nothing else in): it means "never mind".
                showAgain(current);
                return current;
            }
            long typed = Long.parseLong(digits);
            int value = (int) Math.max(range.getMin(), Math.min(range.getMax(), typed));
            if (value != typed) {
                tell.accept(I18n.get("ui.input.clamped", I18n.get(fieldKey), range.getMin(), range.getMax(),
                        typed, value));
            }
            if (current != null && value == current) {
                // The spinner rewrites its field only when the value changes: 500 on a spinner already at 64
                // would otherwise go on showing 500.
                showAgain(current);
            }
            return value;
        }

        private void showAgain(Integer value) {
            spinner.getEditor().setText(toString(value));
        }
    }
}
