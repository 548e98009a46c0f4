package io.garrison.ui.main;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;

/**
 * Shortcut+V loads the clipboard as a task list anywhere in the window but a text field being edited. It
 * listens as an event filter on the window's root, so it hears the key before the focused field does: the menu's
 * accelerator is asked only after the field, and the Workers spinner (focused at start) took the list as text.
 *
 * <p>A field is being edited, and takes the paste as text, when it is
 * <ul>
 *   <li>a free-text field, such as the command template: pasting text is what it is for;</li>
 *   <li>a spinner's field holding text typed but not yet taken (it differs from the value the spinner shows).
 *       A spinner showing its number merely has the focus: a number field is no place for a list, and the
 *       paste would only be refused there.</li>
 * </ul>
 * Anything else (a spinner showing its value, a button, the table, the parade) loads the list. FX thread.
 */
final class ListPasteShortcut {

    static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);

    private ListPasteShortcut() {
    }

    /** Makes Shortcut+V within {@code root} run {@code pasteList} unless a field being edited takes it. */
    static void install(Node root, Runnable pasteList) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (PASTE.match(event) && root.getScene() != null && !takesPastedText(root.getScene().getFocusOwner())) {
                event.consume();
                pasteList.run();
            }
        });
    }

    /** Whether {@code focused} is a text field being edited, in the sense of the class comment. */
    static boolean takesPastedText(Node focused) {
        if (!(focused instanceof TextInputControl field) || !field.isEditable() || field.isDisabled()) {
            return false;
        }
        Spinner<?> spinner = spinnerOf(field);
        return spinner == null || !field.getText().equals(shownValue(spinner));
    }

    private static Spinner<?> spinnerOf(TextInputControl field) {
        for (Parent up = field.getParent(); up != null; up = up.getParent()) {
            if (up instanceof Spinner<?> spinner && spinner.getEditor() == field) {
                return spinner;
            }
        }
        return null;
    }

    private static <T> String shownValue(Spinner<T> spinner) {
        if (spinner.getValueFactory() == null) {
            return "";
        }
        StringConverter<T> converter = spinner.getValueFactory().getConverter();
        T value = spinner.getValue();
        return converter == null ? String.valueOf(value) : converter.toString(value);
    }
}
