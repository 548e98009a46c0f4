package io.garrison.ui.parade;

import io.garrison.ui.i18n.I18n;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The parade with the keyboard. One soldier at a time is a stop of the Tab key (the one focused last, else the
 * first), so Tab reaches the parade once and goes on past it, however many soldiers stand there; within it the arrow
 * keys move between soldiers as they stand in their grid, Enter (or Space) opens the focused soldier's details and
 * Delete kills its worker after asking, as the soldier's menu does with the mouse. Each soldier is a button to
 * assistive technology, described by its PID, state and task ({@link SoldierNode}). FX thread.
 */
final class SoldierKeys {

    private final ParadeGround ground;
    private final Supplier<List<SoldierNode>> standing;
    private SoldierNode stop;

    /**
     * @param ground   the parade whose kill and details actions the keys take
     * @param standing the soldiers standing in their places now (not those falling or leaving)
     */
    SoldierKeys(ParadeGround ground, Supplier<List<SoldierNode>> standing) {
        this.ground = ground;
        this.standing = standing;
    }

    /** Makes {@code node} answer the keys and describe itself. */
    void install(SoldierNode node) {
        node.setAccessibleRole(AccessibleRole.BUTTON);
        node.setFocusTraversable(false);
        node.focusedProperty().addListener((obs, old, focused) -> {
            if (focused) {
                makeStop(node);
            }
        });
        node.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (onKey(node, event.getCode())) {
                event.consume();
            }
        });
    }

    /**
     * After soldiers came or went: the Tab stop stays where it is if that soldier still stands; else it moves to the
     * first standing soldier, taking the focus along if the fallen one had it, so the keyboard is never left on a
     * soldier that is gone.
     */
    void soldiersChanged() {
        List<SoldierNode> now = standing.get();
        if (stop != null && now.contains(stop)) {
            return;
        }
        boolean hadFocus = stop != null && stop.isFocused();
        if (stop != null) {
            stop.setFocusTraversable(false);
        }
        stop = null;
        if (!now.isEmpty()) {
            makeStop(now.get(0));
            if (hadFocus) {
                now.get(0).requestFocus();
            }
        }
    }

    private void makeStop(SoldierNode node) {
        if (stop != null && stop != node) {
            stop.setFocusTraversable(false);
        }
        stop = node;
        node.setFocusTraversable(true);
    }

    private boolean onKey(SoldierNode node, KeyCode key) {
        switch (key) {
            case LEFT, RIGHT, UP, DOWN -> {
                neighbour(node, key).ifPresent(SoldierNode::requestFocus);
                return true;
            }
            case ENTER, SPACE -> {
                Consumer<Soldier> details = ground.getOnDetails();
                if (details != null) {
                    details.accept(node.soldier());
                }
                return true;
            }
            case DELETE -> {
                confirmKill(node.soldier());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The soldier the arrow points to: the next or previous in its row for left and right (on to the next row at
     * its end), the nearest in the row above or below for up and down.
     */
    Optional<SoldierNode> neighbour(SoldierNode from, KeyCode arrow) {
        List<SoldierNode> soldiers = standing.get().stream()
                .sorted(Comparator.comparingDouble(SoldierNode::getLayoutY)
                        .thenComparingDouble(SoldierNode::getLayoutX))
                .toList();
        int at = soldiers.indexOf(from);
        if (at < 0) {
            return soldiers.stream().findFirst();
        }
        return switch (arrow) {
            case LEFT -> at > 0 ? Optional.of(soldiers.get(at - 1)) : Optional.empty();
            case RIGHT -> at + 1 < soldiers.size() ? Optional.of(soldiers.get(at + 1)) : Optional.empty();
            default -> {
                boolean up = arrow == KeyCode.UP;
                double y = from.getLayoutY();
                Optional<Double> row = soldiers.stream().map(SoldierNode::getLayoutY)
                        .filter(other -> up ? other < y - 1 : other > y + 1)
                        .reduce((a, b) -> up ? Math.max(a, b) : Math.min(a, b));
                yield row.flatMap(rowY -> soldiers.stream().filter(s -> Math.abs(s.getLayoutY() - rowY) <= 1)
                        .min(Comparator.comparingDouble(s -> Math.abs(s.getLayoutX() - from.getLayoutX()))));
            }
        };
    }

    /** Kill -9 from the keyboard asks first: a key is pressed by mistake more easily than a menu item is chosen. */
    private void confirmKill(Soldier soldier) {
        Consumer<Soldier> kill = ground.getOnKill();
        if (kill == null || !ground.killRefusalProperty().get().isEmpty()) {
            return;
        }
        Locale language = ground.shownLanguage().getValue();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                I18n.get(language, "ui.soldier.confirmKill.text", soldier.getName()), ButtonType.OK, ButtonType.CANCEL);
        confirm.setTitle(I18n.get(language, "ui.soldier.confirmKill.title"));
        confirm.setHeaderText(null);
        if (ground.getScene() != null) {
            confirm.initOwner(ground.getScene().getWindow());
        }
        // Cancel is the default: Enter pressed once too often must not kill a worker.
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.getDialogPane().setId("confirmKill");
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == ButtonType.OK) {
                kill.accept(soldier);
            }
        });
        confirm.show();
    }
}
