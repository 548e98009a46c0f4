package io.garrison.ui.parade;

import io.garrison.engine.PoolState;
import io.garrison.ui.i18n.I18n;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * The parade ground: the queue of waiting task cards on the left, one drawn soldier per live worker process
 * in the middle (labelled with its real PID), and the tray of finished tasks on the right. Cards travel
 * queue → soldier → tray. Public API here, drawing in {@link ParadeGroundSkin}, looks in
 * {@code css/parade-ground.css} (style class {@code parade-ground}), as ControlsFX splits its controls.
 *
 * <p>Threading: FX thread only, like any control.
 */
public class ParadeGround extends Control {

    private static final String STYLESHEET = ParadeGround.class.getResource("/css/parade-ground.css").toExternalForm();

    private final ObjectProperty<ObservableList<Soldier>> soldiers =
            new SimpleObjectProperty<>(this, "soldiers", FXCollections.observableArrayList());
    private final ObjectProperty<ObservableList<String>> queueCards =
            new SimpleObjectProperty<>(this, "queueCards", FXCollections.observableArrayList());
    private final IntegerProperty queuedCount = new SimpleIntegerProperty(this, "queuedCount");
    private final ObjectProperty<ObservableList<String>> succeededCards =
            new SimpleObjectProperty<>(this, "succeededCards", FXCollections.observableArrayList());
    private final ObjectProperty<ObservableList<String>> failedCards =
            new SimpleObjectProperty<>(this, "failedCards", FXCollections.observableArrayList());
    private final IntegerProperty succeededCount = new SimpleIntegerProperty(this, "succeededCount");
    private final IntegerProperty failedCount = new SimpleIntegerProperty(this, "failedCount");
    private final ObjectProperty<PoolState> poolState = new SimpleObjectProperty<>(this, "poolState");
    private final BooleanProperty terminateCalled = new SimpleBooleanProperty(this, "terminateCalled");
    private final IntegerProperty targetSize = new SimpleIntegerProperty(this, "targetSize");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final LongProperty walkMillis = new SimpleLongProperty(this, "walkMillis", 300);
    private final ObjectProperty<Consumer<Soldier>> onKill = new SimpleObjectProperty<>(this, "onKill");
    private final ObjectProperty<Consumer<Soldier>> onDetails = new SimpleObjectProperty<>(this, "onDetails");
    private final StringProperty killRefusal = new SimpleStringProperty(this, "killRefusal", "");
    private final ObjectProperty<Locale> language = new SimpleObjectProperty<>(this, "language");
    // Observed weakly through the binding, so a parade that goes away (a lesson pane rebuilt) is not kept alive
    // by the app's language property, which lives as long as the app.
    private final ObjectBinding<Locale> shownLanguage = Bindings.createObjectBinding(
            () -> language.get() != null ? language.get() : I18n.getLocale(), language, I18n.localeProperty());

    public ParadeGround() {
        getStyleClass().add("parade-ground");
        setFocusTraversable(false);
    }

    /**
     * Brings every soldier's drawing up to date now instead of at the next frame: for a picture taken between
     * frames (the demo's screenshot).
     */
    public void catchUp() {
        if (getSkin() instanceof ParadeGroundSkin skin) {
            skin.animate(System.currentTimeMillis());
        }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new ParadeGroundSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    /** The soldiers to draw, one per worker process, in the order they joined. */
    public final ObjectProperty<ObservableList<Soldier>> soldiersProperty() {
        return soldiers;
    }

    public final ObservableList<Soldier> getSoldiers() {
        return soldiers.get();
    }

    public final void setSoldiers(ObservableList<Soldier> value) {
        soldiers.set(value);
    }

    /** The first waiting task inputs, in queue order; the rest are summed up with {@link #queuedCountProperty}. */
    public final ObjectProperty<ObservableList<String>> queueCardsProperty() {
        return queueCards;
    }

    public final ObservableList<String> getQueueCards() {
        return queueCards.get();
    }

    public final void setQueueCards(ObservableList<String> value) {
        queueCards.set(value);
    }

    /** How many tasks wait in the queue in all. */
    public final IntegerProperty queuedCountProperty() {
        return queuedCount;
    }

    public final int getQueuedCount() {
        return queuedCount.get();
    }

    public final void setQueuedCount(int value) {
        queuedCount.set(value);
    }

    /** The latest succeeded cards, newest first. */
    public final ObjectProperty<ObservableList<String>> succeededCardsProperty() {
        return succeededCards;
    }

    public final ObservableList<String> getSucceededCards() {
        return succeededCards.get();
    }

    public final void setSucceededCards(ObservableList<String> value) {
        succeededCards.set(value);
    }

    /** The latest failed cards, newest first. */
    public final ObjectProperty<ObservableList<String>> failedCardsProperty() {
        return failedCards;
    }

    public final ObservableList<String> getFailedCards() {
        return failedCards.get();
    }

    public final void setFailedCards(ObservableList<String> value) {
        failedCards.set(value);
    }

    public final IntegerProperty succeededCountProperty() {
        return succeededCount;
    }

    public final int getSucceededCount() {
        return succeededCount.get();
    }

    public final void setSucceededCount(int value) {
        succeededCount.set(value);
    }

    public final IntegerProperty failedCountProperty() {
        return failedCount;
    }

    public final int getFailedCount() {
        return failedCount.get();
    }

    public final void setFailedCount(int value) {
        failedCount.set(value);
    }

    /** The pool's state, shown as a badge; null before any pool exists. */
    public final ObjectProperty<PoolState> poolStateProperty() {
        return poolState;
    }

    public final PoolState getPoolState() {
        return poolState.get();
    }

    /**
     * With a TERMINATED {@link #poolStateProperty()}: true when terminate() ended the pool, false when close() ran
     * its course (the badge then says "closed · workers left", as the lesson on close() teaches).
     */
    public final BooleanProperty terminateCalledProperty() {
        return terminateCalled;
    }

    public final void setPoolState(PoolState value) {
        poolState.set(value);
    }

    /** The number of workers the pool aims for. */
    public final IntegerProperty targetSizeProperty() {
        return targetSize;
    }

    public final int getTargetSize() {
        return targetSize.get();
    }

    public final void setTargetSize(int value) {
        targetSize.set(value);
    }

    /** A line written large under the soldiers (what to do next, how the run ended); empty for none. */
    public final StringProperty messageProperty() {
        return message;
    }

    public final String getMessage() {
        return message.get();
    }

    public final void setMessage(String value) {
        message.set(value);
    }

    /** How long a card takes to fly between queue, soldier and tray: as long as the soldier's walk. */
    public final LongProperty walkMillisProperty() {
        return walkMillis;
    }

    public final long getWalkMillis() {
        return walkMillis.get();
    }

    public final void setWalkMillis(long value) {
        walkMillis.set(value);
    }

    /** Called when the user asks, from a soldier's context menu, to kill that worker. */
    public final ObjectProperty<Consumer<Soldier>> onKillProperty() {
        return onKill;
    }

    public final Consumer<Soldier> getOnKill() {
        return onKill.get();
    }

    public final void setOnKill(Consumer<Soldier> value) {
        onKill.set(value);
    }

    /**
     * Why a soldier's Kill -9 cannot reach its worker (a picture drawn from a replay); empty when it can. While set,
     * the menu item is offered disabled, with the reason beside it.
     */
    public final StringProperty killRefusalProperty() {
        return killRefusal;
    }

    /** Called when the user asks for a soldier's details. */
    public final ObjectProperty<Consumer<Soldier>> onDetailsProperty() {
        return onDetails;
    }

    public final Consumer<Soldier> getOnDetails() {
        return onDetails.get();
    }

    public final void setOnDetails(Consumer<Soldier> value) {
        onDetails.set(value);
    }

    /**
     * The language of the parade's words (titles, badge, soldiers' states, menus); {@code null}, the default,
     * for the app's ({@link I18n}). A window with a language switch of its own, the lessons, sets it.
     */
    public final ObjectProperty<Locale> languageProperty() {
        return language;
    }

    public final Locale getLanguage() {
        return language.get();
    }

    public final void setLanguage(Locale value) {
        language.set(value);
    }

    /** The language the words are in now: {@link #languageProperty()} if set, else the app's; follows both. */
    public final ObservableValue<Locale> shownLanguage() {
        return shownLanguage;
    }
}
