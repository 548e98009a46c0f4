package io.garrison.ui.parade;

import io.garrison.ui.i18n.I18n;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.transform.Rotate;

/**
 * One soldier drawn with shapes: helmet, head, a body coloured by what it does, arms that hold the task
 * card, legs that walk, a ring around it for the task's progress, and its PID and state written underneath.
 * Colours come from {@code parade-ground.css} through the style class of the state (e.g.
 * {@code soldier-working}). Laid out at a fixed design size; the skin scales it to fit. Its words may reach past
 * that size when they are big ({@link #designWidth()}, {@link #designHeight()}).
 * Threading: FX thread only.
 */
final class SoldierNode extends Pane {

    static final double WIDTH = 120;
    static final double HEIGHT = 168;
    private static final double CX = WIDTH / 2;
    private static final double RING_Y = 66;
    /** Where the PID's line begins; the state's line follows it. */
    private static final double LABEL_Y = 122;
    /** Room either side of the PID within its soldier's place, so neighbours' PIDs never touch. */
    private static final double LABEL_MARGIN = 10;
    private static final long MARCH_MS = 900;
    private static final double MARCH_DISTANCE = 70;
    private static final long FALL_MS = 700;
    private static final long LEAVE_MS = 1500;

    private final Soldier soldier;
    private final ObservableValue<Locale> language;
    private final Group figure = new Group();
    private final Arc ring = new Arc(CX, RING_Y, 50, 50, 90, 0);
    private final Circle track;
    private final Line leftLeg = new Line(CX - 7, 86, CX - 10, 108);
    private final Line rightLeg = new Line(CX + 7, 86, CX + 10, 108);
    private final Line leftArm = new Line(CX - 14, 56, CX - 24, 78);
    private final Line rightArm = new Line(CX + 14, 56, CX + 24, 78);
    private final StackPane card = new StackPane();
    private final Label cardText = new Label();
    private final Label bundleBadge = new Label();
    private final Rotate fall = new Rotate(0, CX, 108);
    // Legs swing and the ring turns by rotation; the ring is a bitmap drawn once and turned, not an arc
    // reshaped, which software rendering would rasterise again for every working soldier every frame.
    private final Rotate leftSwing = new Rotate(0, CX - 7, 86);
    private final Rotate rightSwing = new Rotate(0, CX + 7, 86);
    private final Rotate ringTurn = new Rotate(0, CX, RING_Y);
    private SoldierState shownState;
    private Label stateLabel;
    private Label pidLabel;
    /**
     * The soldier and the parts whose look depends on its state, which all carry the state's pseudo-class. CSS
     * selects them by their own pseudo-class ({@code .soldier-body:working}), never by the soldier's
     * ({@code .soldier:working .soldier-body}): a pseudo-class that descendant selectors use makes JavaFX redo the
     * CSS of the soldier's whole subtree, about twenty nodes, on every change of state, and 64 busy soldiers change
     * state hundreds of times a second.
     */
    private final Node[] styledByState;
    private boolean dirty;
    // Held here and observed weakly: the language outlives a soldier whose worker left, and must not keep it.
    private final InvalidationListener languageChanged = obs -> dirty = true;

    /** @param language the language of its state's words, observed */
    SoldierNode(Soldier soldier, ObservableValue<Locale> language) {
        this.soldier = soldier;
        this.language = language;
        getStyleClass().add("soldier");
        setPrefSize(WIDTH, HEIGHT);
        setMinSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);

        track = new Circle(CX, RING_Y, 50);
        track.getStyleClass().add("soldier-ring-track");
        ring.setType(ArcType.OPEN);
        ring.getStyleClass().add("soldier-ring");

        Arc helmet = new Arc(CX, 34, 15, 13, 0, 180);
        helmet.setType(ArcType.ROUND);
        helmet.getStyleClass().add("soldier-helmet");
        Rectangle brim = new Rectangle(CX - 18, 33, 36, 4);
        brim.setArcWidth(4);
        brim.setArcHeight(4);
        brim.getStyleClass().add("soldier-helmet");
        Circle head = new Circle(CX, 40, 11);
        head.getStyleClass().add("soldier-head");
        Rectangle body = new Rectangle(CX - 15, 52, 30, 36);
        body.setArcWidth(10);
        body.setArcHeight(10);
        body.getStyleClass().add("soldier-body");
        Rectangle belt = new Rectangle(CX - 15, 76, 30, 4);
        belt.getStyleClass().add("soldier-belt");
        for (Line limb : new Line[] {leftLeg, rightLeg, leftArm, rightArm}) {
            limb.getStyleClass().add("soldier-limb");
        }
        // Arms change only when a card is taken or put down. Legs are not cached: a small soldier's legs drawn
        // from a rotated bitmap came out broken, and two short lines are cheap to draw.
        leftArm.setCache(true);
        rightArm.setCache(true);
        leftLeg.getTransforms().add(leftSwing);
        rightLeg.getTransforms().add(rightSwing);
        track.setCache(true);
        ring.setCache(true);
        ring.setCacheHint(CacheHint.ROTATE);
        ring.getTransforms().add(ringTurn);

        cardText.getStyleClass().add("soldier-card-text");
        bundleBadge.getStyleClass().add("soldier-bundle");
        bundleBadge.textProperty().bind(Bindings.createStringBinding(
                () -> "\u00d7" + soldier.getBundle(), soldier.bundleProperty()));
        bundleBadge.visibleProperty().bind(soldier.bundleProperty().greaterThan(1));
        StackPane.setAlignment(bundleBadge, Pos.TOP_RIGHT);
        card.getChildren().addAll(cardText, bundleBadge);
        card.getStyleClass().add("task-card");
        card.setMouseTransparent(true);

        // The parts that never move are drawn once into a bitmap and reused while legs, arms and the ring move:
        // with 64 soldiers busy, nearly every soldier is repainted every frame, and rasterising its curves and
        // words again each time cost more than all the rest of a frame (software rendering, 2 cores).
        Group torso = new Group(body, belt, head, helmet, brim);
        torso.setCache(true);
        figure.getChildren().addAll(track, ring, leftLeg, rightLeg, torso, leftArm, rightArm);
        figure.getTransforms().add(fall);

        Label pid = new Label(soldier.getName());
        pidLabel = pid;
        pid.getStyleClass().add("soldier-pid");
        Label state = new Label();
        state.getStyleClass().add("soldier-state");
        stateLabel = state;
        language.addListener(new WeakInvalidationListener(languageChanged));
        // Sized to their words and centred under the figure (layoutChildren): in presentation mode the PID is
        // wider than the figure.
        pid.setAlignment(Pos.CENTER);
        state.setAlignment(Pos.CENTER);
        pid.setCache(true);
        state.setCache(true);
        card.setCache(true);

        styledByState = new Node[] {this, body, head, ring, pid, state};
        getChildren().addAll(figure, card, pid, state);
        // Changes are shown once per frame (in animate), however many came in between.
        soldier.stateProperty().addListener(obs -> dirty = true);
        soldier.cardProperty().addListener(obs -> dirty = true);
        showState();
    }

    Soldier soldier() {
        return soldier;
    }

    private void showState() {
        dirty = false;
        SoldierState state = soldier.getState();
        if (state != shownState) {
            for (Node part : styledByState) {
                if (shownState != null) {
                    part.pseudoClassStateChanged(shownState.pseudoClass(), false);
                }
                part.pseudoClassStateChanged(state.pseudoClass(), true);
            }
            shownState = state;
        }
        String stateWords = I18n.get(language.getValue(), state.messageKey());
        stateLabel.setText(stateWords);
        // What a screen reader says of it; the keys it answers are SoldierKeys'.
        setAccessibleText(soldier.getCard().isEmpty()
                ? I18n.get(language.getValue(), "ui.soldier.accessible", soldier.getName(), stateWords)
                : I18n.get(language.getValue(), "ui.soldier.accessibleWithCard", soldier.getName(), stateWords,
                        soldier.getCard()));
        setAccessibleHelp(I18n.get(language.getValue(), "ui.soldier.accessibleHelp"));
        // While walking, the card is the one seen flying; held, it is the task being worked on (or that failed).
        boolean holding = !soldier.getCard().isEmpty()
                && (state == SoldierState.WORKING || state == SoldierState.FAILED);
        card.setVisible(holding);
        cardText.setText(shorten(soldier.getCard()));
        card.autosize();
        card.relocate(CX - card.prefWidth(-1) / 2, 58);
        // Arms reach forward to hold a card, hang down otherwise.
        double handY = holding ? 66 : 78;
        double handX = holding ? 12 : 24;
        leftArm.setEndX(CX - handX);
        leftArm.setEndY(handY);
        rightArm.setEndX(CX + handX);
        rightArm.setEndY(handY);
        ring.setVisible(state == SoldierState.WORKING);
        track.setVisible(state == SoldierState.WORKING);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        card.autosize();
        card.relocate(CX - card.getWidth() / 2, 58);
        pidLabel.relocate(CX - pidLabel.getWidth() / 2, LABEL_Y);
        stateLabel.relocate(CX - stateLabel.getWidth() / 2, LABEL_Y + pidLabel.getHeight());
    }

    /**
     * The width of the place this soldier needs at scale 1: the figure's, or its PID's and a margin if wider
     * (presentation mode writes PIDs large). The extra is centred on the figure, as the skin's scaling is.
     */
    double designWidth() {
        return Math.max(WIDTH, pidLabel.prefWidth(-1) + 2 * LABEL_MARGIN);
    }

    /** The height of the place this soldier needs at scale 1: {@link #HEIGHT}, or more if its words are big. */
    double designHeight() {
        return Math.max(HEIGHT, LABEL_Y + pidLabel.prefHeight(-1) + stateLabel.prefHeight(-1));
    }

    /** The PID's font, set by CSS: when it changes (presentation mode), so does the place the soldier needs. */
    ObservableValue<Font> labelFont() {
        return pidLabel.fontProperty();
    }

    private static String shorten(String text) {
        return text.length() > 14 ? text.substring(0, 13) + "\u2026" : text;
    }

    /**
     * Per-frame motion: the ring, walking legs, marching in, falling. Driven by the clock, not by frame counts,
     * so a busy machine shows the same story with fewer frames. Cheap enough for 64 soldiers.
     */
    /** Draws the soldier at {@code nowMs}. @return whether it still moves (and needs the next frame) */
    boolean animate(long nowMs) {
        if (dirty) {
            showState();
        }
        SoldierState state = soldier.getState();
        long sinceJoin = nowMs - soldier.getJoinedAtMs();
        boolean marching = sinceJoin < MARCH_MS;
        double march = marching ? sinceJoin / (double) MARCH_MS : 1;
        setTranslateX(-(1 - march) * MARCH_DISTANCE);
        if (state == SoldierState.LEAVING) {
            // Off to the right, fading: a worker the pool let go, not one that died.
            double gone = Math.min(1, (nowMs - soldier.phaseSinceMs) / (double) LEAVE_MS);
            fall.setAngle(0);
            setTranslateX(gone * MARCH_DISTANCE * 1.5);
            setOpacity(1 - gone);
        } else if (state == SoldierState.DEAD) {
            double fallen = Math.min(1, (nowMs - soldier.phaseSinceMs) / (double) FALL_MS);
            // Backwards, away from the soldier on its right; a replacement steps in over it.
            fall.setAngle(-90 * fallen * fallen);
            setOpacity(1 - 0.6 * fallen);
            // Its words fade first: the replacement marching into this place brings its own PID.
            double words = Math.max(0, 1 - 2 * fallen);
            pidLabel.setOpacity(words);
            stateLabel.setOpacity(words);
        } else {
            fall.setAngle(0);
            setOpacity(marching ? 0.3 + 0.7 * march : 1);
        }
        boolean walking = marching || state == SoldierState.FETCHING || state == SoldierState.DELIVERING
                || state == SoldierState.LEAVING;
        // The foot moves 6 px either way of its rest 22 px below the hip: about 15 degrees.
        double swing = walking ? Math.toDegrees(Math.atan2(Math.sin(nowMs / 70.0) * 6, 22)) : 0;
        leftSwing.setAngle(-swing);
        rightSwing.setAngle(swing);
        boolean moving = walking || state == SoldierState.LEAVING && nowMs - soldier.phaseSinceMs < LEAVE_MS
                || state == SoldierState.DEAD && nowMs - soldier.phaseSinceMs < FALL_MS;
        if (state == SoldierState.WORKING) {
            double progress = soldier.getProgress();
            moving |= progress < 0;
            if (progress >= 0) {
                ringTurn.setAngle(0);
                ring.setLength(-360 * progress);
            } else {
                // Unknown progress: a quarter arc chasing round the soldier says "busy".
                ringTurn.setAngle((nowMs % 1200) * 360 / 1200.0);
                ring.setLength(-100);
            }
        }
        return moving;
    }
}
