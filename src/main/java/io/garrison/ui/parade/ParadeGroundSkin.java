package io.garrison.ui.parade;

import io.garrison.engine.PoolState;
import io.garrison.engine.WorkerId;
import io.garrison.ui.i18n.I18n;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link ParadeGround}: queue column, soldiers in a grid that shrinks to fit 64, the tray, the pool
 * state badge, and the cards flying between them. Flights are capped so a burst of thousands of tasks
 * animates a few and counts the rest.
 */
public class ParadeGroundSkin extends SkinBase<ParadeGround> {

    /** At most this many cards fly at once; the rest just appear where they land. */
    static final int MAX_FLIGHTS = 40;
    /** The widest a flying card is drawn, in px: about two soldiers. */
    static final double FLYING_CARD_MAX_WIDTH = 170;
    /** Even a fast walk shows its card this long in the air. */
    private static final long MIN_FLIGHT_MS = 150;
    private static final double HEADER = 40;
    private static final double QUEUE_WIDTH = 170;
    private static final double TRAY_WIDTH = 300;
    private static final double GAP = 14;
    /** The body (queue, soldiers, trays) a parade asks for: one row of full-size soldiers and a few cards. */
    private static final double PREFERRED_BODY_HEIGHT = 150;
    private static final PseudoClass FETCH = PseudoClass.getPseudoClass("fetch");
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass BUNDLE = PseudoClass.getPseudoClass("bundle");
    private static final List<PseudoClass> FLIGHT_KINDS = List.of(FETCH, OK, FAILED);
    /** Soldiers grow up to this on a big screen, for a room to read their PIDs. */
    private static final double MAX_SCALE = 1.6;

    // Lays its children out itself: a plain Pane would resize them back to their preferred sizes.
    private final Pane field = new Pane() {
        @Override
        protected void layoutChildren() {
            layoutField(getWidth(), getHeight());
        }
    };
    private final Pane soldierPane = new Pane();
    private final Pane overlay = new Pane();
    private final Label badge = new Label();
    private final Label hint = new Label();
    private final Label message = new Label();
    private final VBox queueBox = new VBox(6);
    private final Label queueTitle = new Label();
    private final VBox queueCards = new VBox(5);
    private final Label queueMore = new Label();
    private final VBox okBox = new VBox(5);
    private final VBox okCards = new VBox(4);
    private final Label okTitle = new Label();
    private final VBox badBox = new VBox(5);
    private final VBox badCards = new VBox(4);
    private final Label badTitle = new Label();
    private final Map<Soldier, SoldierNode> nodes = new HashMap<>();
    private final Map<Soldier, Integer> slots = new HashMap<>();
    /** The places of soldiers gone from the ground, kept for the replacements that take them. */
    private final Map<Soldier, Integer> vacated = new HashMap<>();
    /** Every host a soldier stood for, in the order they first came: their groups keep that order. */
    private final Set<String> hostsSeen = new LinkedHashSet<>();
    private final HostLabels hostLabels = new HostLabels();
    private final List<Flight> flights = new ArrayList<>();
    private final ArrayDeque<Label> spareCards = new ArrayDeque<>();
    private boolean queueStale = true;
    private boolean trayStale = true;
    /** Whether the timer runs: it stops when nothing on the ground moves, so an idle window costs no CPU. */
    private boolean ticking;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            animate(System.currentTimeMillis());
        }
    };
    private int lastVisibleQueueCards = -1;
    private final SoldierKeys keys;

    public ParadeGroundSkin(ParadeGround control) {
        super(control);
        keys = new SoldierKeys(control, this::standingNodes);
        field.getStyleClass().add("parade-field");
        badge.getStyleClass().add("pool-badge");
        hint.getStyleClass().add("parade-hint");
        queueBox.getStyleClass().addAll("parade-column", "queue-column");
        queueTitle.getStyleClass().add("column-title");
        queueMore.getStyleClass().add("more-label");
        queueBox.getChildren().addAll(queueTitle, queueCards, queueMore);
        okBox.getStyleClass().addAll("parade-column", "tray-column", "tray-succeeded");
        okTitle.getStyleClass().add("column-title");
        okBox.getChildren().addAll(okTitle, okCards);
        // A count of five digits or more does not fit the narrow tray on one line: wrap rather than cut it off.
        okTitle.setWrapText(true);
        badTitle.setWrapText(true);
        badBox.getStyleClass().addAll("parade-column", "tray-column", "tray-failed");
        badTitle.getStyleClass().add("column-title");
        badBox.getChildren().addAll(badTitle, badCards);
        soldierPane.getStyleClass().add("soldier-area");
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        message.getStyleClass().add("parade-message");
        message.setWrapText(true);
        message.setAlignment(Pos.CENTER);
        message.setTextAlignment(TextAlignment.CENTER);
        message.textProperty().bind(control.messageProperty());
        message.visibleProperty().bind(control.messageProperty().isNotEmpty());
        message.setMouseTransparent(true);
        field.getChildren().addAll(badge, hint, queueBox, hostLabels.pane(), soldierPane, okBox, badBox, message,
                overlay);
        getChildren().add(field);

        ObservableValue<Locale> language = control.shownLanguage();
        queueTitle.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.get(language.getValue(), "ui.parade.queue", control.getQueuedCount()),
                control.queuedCountProperty(), language));
        queueMore.textProperty().bind(Bindings.createStringBinding(() -> {
            int more = control.getQueuedCount() - queueCards.getChildren().size();
            return more > 0 ? I18n.get(language.getValue(), "ui.parade.more", more) : "";
        }, control.queuedCountProperty(), queueCards.getChildren(), language));
        okTitle.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.get(language.getValue(), "ui.parade.succeeded", control.getSucceededCount()),
                control.succeededCountProperty(), language));
        badTitle.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.get(language.getValue(), "ui.parade.failed", control.getFailedCount()),
                control.failedCountProperty(), language));
        registerChangeListener(control.poolStateProperty(), obs -> {
            refreshBadge();
            styleBadge();
        });
        registerChangeListener(control.terminateCalledProperty(), obs -> {
            refreshBadge();
            styleBadge();
        });
        registerChangeListener(control.targetSizeProperty(), obs -> refreshBadge());
        registerChangeListener(language, obs -> {
            refreshBadge();
            field.requestLayout();
            // The soldiers' words are redrawn in the next frame.
            wake();
        });
        hint.textProperty().bind(I18n.text(language, "ui.parade.hint"));
        styleBadge();
        refreshBadge();

        // Every card that can fly is made now, with the window, and styled in its first CSS pass: made at take-off,
        // the first burst of a run (every soldier setting off in the same frame) styled up to MAX_FLIGHTS new labels
        // from scratch in one pulse.
        for (int i = 0; i < MAX_FLIGHTS; i++) {
            spareCards.push(newFlyingCard());
        }

        follow(control.soldiersProperty(), this::syncSoldiers);
        // The queue and the tray change several times a frame at full speed; their labels are filled once a frame.
        follow(control.queueCardsProperty(), () -> {
            queueStale = true;
            wake();
        });
        follow(control.succeededCardsProperty(), () -> {
            trayStale = true;
            wake();
        });
        follow(control.failedCardsProperty(), () -> {
            trayStale = true;
            wake();
        });
        // Laid out by layoutField at sizes that never depend on their content: as layout roots, a card or a
        // soldier's words changing lays out that column or soldier only, not the whole parade ground each frame.
        for (Node fixed : List.of(queueBox, okBox, badBox, soldierPane, hostLabels.pane())) {
            fixed.setManaged(false);
        }
        syncSoldiers();
        fillQueue();
        fillTray();
        wake();
    }

    /** Starts the frames again after something changed that they draw. */
    private void wake() {
        if (!ticking) {
            ticking = true;
            timer.start();
        }
    }

    /**
     * Calls {@code onChange} when the list in {@code property} changes, or the property gets another list. Both
     * listeners are the skin's: {@link #dispose()} releases them, so a parade given another skin keeps no trace.
     */
    private void follow(ObjectProperty<? extends ObservableList<?>> property, Runnable onChange) {
        ObservableList<?> first = property.get();
        if (first != null) {
            registerListChangeListener(first, change -> onChange.run());
        }
        List<ObservableList<?>> followed = new ArrayList<>(Collections.singletonList(first));
        registerChangeListener(property, obs -> {
            if (followed.get(0) != null) {
                unregisterListChangeListeners(followed.get(0));
            }
            ObservableList<?> now = property.get();
            followed.set(0, now);
            if (now != null) {
                registerListChangeListener(now, change -> onChange.run());
            }
            onChange.run();
        });
    }

    private Locale language() {
        return getSkinnable().shownLanguage().getValue();
    }

    private void refreshBadge() {
        badge.setText(badgeText());
    }

    private String badgeText() {
        long alive = getSkinnable().getSoldiers() == null ? 0 : getSkinnable().getSoldiers().stream()
                .filter(s -> !s.getState().isGone()).count();
        Locale language = getSkinnable().shownLanguage().getValue();
        PoolStage stage = PoolStage.of(getSkinnable().getPoolState(), getSkinnable().terminateCalledProperty().get());
        if (stage == PoolStage.CLOSED) {
            return I18n.get(language, "ui.parade.badge.closed");
        }
        return I18n.get(language, "ui.parade.badge", I18n.get(language, stage.messageKey()), alive,
                getSkinnable().getTargetSize());
    }

    private void styleBadge() {
        PoolStage current = PoolStage.of(getSkinnable().getPoolState(), getSkinnable().terminateCalledProperty().get());
        for (PoolStage stage : PoolStage.values()) {
            badge.pseudoClassStateChanged(stage.pseudoClass(), stage == current);
        }
    }

    // ---------------------------------------------------------------- soldiers

    private void syncSoldiers() {
        ObservableList<Soldier> soldiers = getSkinnable().getSoldiers();
        List<Soldier> current = soldiers == null ? List.of() : soldiers;
        nodes.keySet().removeIf(soldier -> {
            if (!current.contains(soldier)) {
                soldierPane.getChildren().remove(nodes.get(soldier));
                unregisterChangeListeners(soldier.stateProperty());
                unregisterChangeListeners(soldier.progressProperty());
                unregisterChangeListeners(soldier.cardProperty());
                unregisterChangeListeners(nodes.get(soldier).labelFont());
                return true;
            }
            return false;
        });
        for (Soldier soldier : current) {
            nodes.computeIfAbsent(soldier, this::newSoldierNode);
        }
        // Keep the drawing order the join order, so soldiers keep their places as others come and go.
        List<Node> ordered = new ArrayList<>();
        for (Soldier soldier : current) {
            ordered.add(nodes.get(soldier));
        }
        if (!soldierPane.getChildren().equals(ordered)) {
            soldierPane.getChildren().setAll(ordered);
        }
        keys.soldiersChanged();
        refreshBadge();
        field.requestLayout();
        wake();
    }

    private SoldierNode newSoldierNode(Soldier soldier) {
        SoldierNode node = new SoldierNode(soldier, getSkinnable().shownLanguage());
        // Placed and sized by layoutSoldiers; as a layout root its words changing lays out itself only.
        node.setManaged(false);
        // Its words' size is the place it needs (presentation mode): the grid is laid out again for it.
        registerChangeListener(node.labelFont(), obs -> field.requestLayout());
        // The skin's listener, not the soldier's: a soldier outlives a skin (the model keeps it) and must not keep
        // a disposed skin's flights going.
        registerChangeListener(soldier.progressProperty(), obs -> wake());
        registerChangeListener(soldier.cardProperty(), obs -> wake());
        registerChangeListener(soldier.stateProperty(), obs -> {
            wake();
            SoldierState now = soldier.getState();
            onStateChange(node, now);
            if (now.isGone()) {
                keys.soldiersChanged();
                refreshBadge();
                field.requestLayout();
            }
        });
        ContextMenu menu = new ContextMenu();
        MenuItem kill = new MenuItem();
        StringBinding killText = I18n.text(getSkinnable().shownLanguage(), "ui.soldier.kill", soldier.getName());
        StringProperty refusal = getSkinnable().killRefusalProperty();
        kill.textProperty().bind(Bindings.createStringBinding(() -> refusal.get().isEmpty() ? killText.get()
                : killText.get() + "  \u2014  " + refusal.get(), killText, refusal));
        kill.disableProperty().bind(refusal.isNotEmpty());
        kill.getStyleClass().add("soldier-kill-item");
        kill.setOnAction(e -> {
            if (getSkinnable().getOnKill() != null) {
                getSkinnable().getOnKill().accept(soldier);
            }
        });
        MenuItem details = new MenuItem();
        details.textProperty().bind(I18n.text(getSkinnable().shownLanguage(), "ui.soldier.details"));
        details.getStyleClass().add("soldier-details-item");
        details.setOnAction(e -> {
            if (getSkinnable().getOnDetails() != null) {
                getSkinnable().getOnDetails().accept(soldier);
            }
        });
        menu.getItems().addAll(kill, details);
        node.setOnContextMenuRequested(e -> menu.show(node, e.getScreenX(), e.getScreenY()));
        keys.install(node);
        return node;
    }

    /** The soldiers standing in their places, in join order: those the keyboard can reach. */
    private List<SoldierNode> standingNodes() {
        List<SoldierNode> standing = new ArrayList<>();
        for (Node child : soldierPane.getChildren()) {
            SoldierNode node = (SoldierNode) child;
            if (!node.soldier().getState().isGone()) {
                standing.add(node);
            }
        }
        return standing;
    }

    private void onStateChange(SoldierNode node, SoldierState now) {
        switch (now) {
            case FETCHING -> fly(topOf(queueCards, queueBox), handsOf(node), node.soldier().getCard(),
                    node.soldier().getBundle(), FETCH);
            case DELIVERING -> fly(handsOf(node), topOf(okCards, okBox), node.soldier().getCard(),
                    node.soldier().getBundle(), OK);
            case FAILED -> {
                Node target = node.soldier().isRetryShown() ? queueBox : badBox;
                Node cards = node.soldier().isRetryShown() ? queueCards : badCards;
                fly(handsOf(node), topOf((VBox) cards, target), node.soldier().getCard(), node.soldier().getBundle(),
                        FAILED);
            }
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- cards

    private int visibleQueueCards() {
        double height = queueBox.getHeight() > 0 ? queueBox.getHeight() : 400;
        // Measured, not assumed: cards and titles are bigger in presentation mode. A spare flying card is a queue
        // card's size (same style class) and always there.
        double card = spareCards.isEmpty() ? 26 : spareCards.peek().prefHeight(-1);
        double around = queueBox.snappedTopInset() + queueBox.snappedBottomInset() + queueTitle.prefHeight(-1)
                + queueMore.prefHeight(-1) + 2 * queueBox.getSpacing();
        return Math.max(1, (int) ((height - around) / (card + queueCards.getSpacing())));
    }

    /** Shows the first cards; reuses the labels already there, as new nodes would need styling again. */
    private static void fillCards(VBox box, List<String> cards, int max, String styleClass) {
        int count = cards == null ? 0 : Math.min(cards.size(), max);
        ObservableList<Node> children = box.getChildren();
        if (children.size() > count) {
            children.remove(count, children.size());
        }
        for (int i = 0; i < count; i++) {
            if (i < children.size()) {
                ((Label) children.get(i)).setText(cards.get(i));
            } else {
                Label card = new Label(cards.get(i));
                card.getStyleClass().add(styleClass);
                card.setMaxWidth(Double.MAX_VALUE);
                // A URL's start is the same on every card in a narrow column: its end (the page, the file it was
                // saved as) tells them apart.
                card.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
                children.add(card);
            }
        }
    }

    private void fillQueue() {
        queueStale = false;
        fillCards(queueCards, getSkinnable().getQueueCards(), visibleQueueCards(), "task-card");
    }

    private void fillTray() {
        trayStale = false;
        int max = Math.max(1, visibleQueueCards());
        fillCards(okCards, getSkinnable().getSucceededCards(), max, "tray-card");
        fillCards(badCards, getSkinnable().getFailedCards(), max, "tray-card");
    }

    private Point2D handsOf(SoldierNode node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        return overlay.sceneToLocal(b.getCenterX(), b.getMinY() + b.getHeight() * 0.4);
    }

    private Point2D topOf(VBox cards, Node column) {
        Node anchor = cards.getChildren().isEmpty() ? column : cards.getChildren().get(0);
        Bounds b = anchor.localToScene(anchor.getLayoutBounds());
        return overlay.sceneToLocal(b.getCenterX(), b.getMinY() + Math.min(b.getHeight(), 60) / 2);
    }

    private void fly(Point2D from, Point2D to, String text, int bundle, PseudoClass kind) {
        // A bundle is the picture summing up news that came faster than soldiers can walk: its cards do not fly,
        // or a flood of them would cover every soldier's words.
        if (bundle > 1 || flights.size() >= MAX_FLIGHTS || spareCards.isEmpty() || from == null || to == null
                || text == null || text.isEmpty()) {
            return;
        }
        // Cards are reused: a new node would have to be styled from scratch, many times a second. There is always
        // a spare: there are MAX_FLIGHTS of them and fewer are in the air.
        Label card = spareCards.pop();
        card.setText(bundle > 1 ? text + "  \u00d7" + bundle : text);
        for (PseudoClass flight : FLIGHT_KINDS) {
            card.pseudoClassStateChanged(flight, flight == kind);
        }
        card.pseudoClassStateChanged(BUNDLE, bundle > 1);
        card.setVisible(true);
        card.applyCss();
        card.autosize();
        // Placed at once: a picture taken before the next frame must not show it in the corner.
        card.relocate(from.getX() - card.getWidth() / 2, from.getY() - card.getHeight() / 2);
        flights.add(new Flight(card, from, to, System.currentTimeMillis(),
                Math.max(MIN_FLIGHT_MS, getSkinnable().getWalkMillis())));
    }

    private record Flight(Label card, Point2D from, Point2D to, long startMs, long durationMs) {
    }

    private Label newFlyingCard() {
        Label card = new Label();
        card.getStyleClass().addAll("task-card", "flying-card");
        card.setVisible(false);
        // A full URL would cover the soldiers it flies over: its host and its end are what tell cards apart.
        card.setMaxWidth(FLYING_CARD_MAX_WIDTH);
        card.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        // Moved every frame, changed only at take-off: a bitmap moves far more cheaply than text is drawn.
        card.setCache(true);
        overlay.getChildren().add(card);
        return card;
    }

    void animate(long nowMs) {
        if (queueStale) {
            fillQueue();
        }
        if (trayStale) {
            fillTray();
        }
        boolean moving = false;
        for (SoldierNode node : nodes.values()) {
            moving |= node.animate(nowMs);
        }
        for (Iterator<Flight> it = flights.iterator(); it.hasNext(); ) {
            Flight flight = it.next();
            double t = Math.min(1, (nowMs - flight.startMs()) / (double) flight.durationMs());
            double eased = t * t * (3 - 2 * t);
            double x = flight.from().getX() + (flight.to().getX() - flight.from().getX()) * eased;
            // An arc over the ground, so a card is seen carried rather than sliding.
            double lift = Math.sin(Math.PI * eased) * 40;
            double y = flight.from().getY() + (flight.to().getY() - flight.from().getY()) * eased - lift;
            flight.card().relocate(x - flight.card().getWidth() / 2, y - flight.card().getHeight() / 2);
            if (t >= 1) {
                flight.card().setVisible(false);
                spareCards.push(flight.card());
                it.remove();
            }
        }
        if (!moving && flights.isEmpty() && !queueStale && !trayStale && ticking) {
            ticking = false;
            timer.stop();
        }
    }

    /** Cards in flight now (for tests and the frame-time probe). */
    int flightCount() {
        return flights.size();
    }

    /** The cards that fly, in the air or not (for tests). */
    List<Label> flyingCards() {
        List<Label> cards = new ArrayList<>(spareCards);
        flights.forEach(flight -> cards.add(flight.card()));
        return cards;
    }

    // ---------------------------------------------------------------- layout

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        field.resizeRelocate(x, y, w, h);
    }

    /**
     * Its columns and soldiers are laid out at sizes of the skin's choosing (unmanaged, see the constructor), so
     * they cannot tell a parent how tall the parade wants to be; without this a parade in a VBox (the lessons)
     * shrank to its header and the cards below were drawn over its trays.
     */
    @Override
    protected double computePrefHeight(double width, double topInset, double rightInset, double bottomInset,
                                       double leftInset) {
        return topInset + HEADER + GAP / 2 + PREFERRED_BODY_HEIGHT + GAP + bottomInset;
    }

    private void layoutField(double w, double h) {
        badge.autosize();
        badge.relocate(GAP, GAP / 2);
        hint.autosize();
        hint.relocate(w - hint.getWidth() - GAP, GAP / 2 + 4);
        double top = HEADER + GAP / 2;
        double bodyHeight = Math.max(50, h - top - GAP);
        queueBox.resizeRelocate(GAP, top, QUEUE_WIDTH, bodyHeight);
        double trayColumn = (TRAY_WIDTH - GAP) / 2;
        okBox.resizeRelocate(w - TRAY_WIDTH - GAP, top, trayColumn, bodyHeight);
        badBox.resizeRelocate(w - trayColumn - GAP, top, trayColumn, bodyHeight);
        double areaX = QUEUE_WIDTH + 2 * GAP;
        double areaW = Math.max(50, w - areaX - TRAY_WIDTH - 2 * GAP);
        soldierPane.resizeRelocate(areaX, top, areaW, bodyHeight);
        hostLabels.pane().resizeRelocate(areaX, top, areaW, bodyHeight);
        double messageHeight = message.prefHeight(areaW - 40);
        message.resizeRelocate(areaX + 20, top + bodyHeight - messageHeight - GAP, areaW - 40, messageHeight);
        overlay.resizeRelocate(0, 0, w, h);
        // The message has a band of its own under the soldiers: drawn over them, it hid their PIDs.
        layoutSoldiers(areaW, message.isVisible() ? Math.max(50, bodyHeight - messageHeight - 2 * GAP) : bodyHeight);
        int visible = visibleQueueCards();
        if (visible != lastVisibleQueueCards) {
            lastVisibleQueueCards = visible;
            fillQueue();
            fillTray();
        }
    }

    /**
     * A grid with as few rows as fit, one grid for each host under its label when the pool has more than one
     * ({@link HostGroupLayout}); soldiers shrink (never grow past {@link #MAX_SCALE}) so 64 fit on a laptop. Each
     * soldier keeps its place: a new one takes the first free place of its host, which is the place of a fallen
     * one, so a replacement is seen marching in where the dead soldier lies instead of everybody moving.
     */
    private void layoutSoldiers(double w, double h) {
        assignSlots();
        List<String> hosts = standingHosts();
        hostLabels.layout(hosts, language());
        if (hosts.isEmpty()) {
            return;
        }
        List<Integer> places = new ArrayList<>();
        for (String host : hosts) {
            int n = 0;
            for (Map.Entry<Soldier, Integer> entry : slots.entrySet()) {
                if (entry.getKey().getHost().equals(host)) {
                    n = Math.max(n, entry.getValue() + 1);
                }
            }
            places.add(n);
        }
        // Every place is as big as the biggest soldier needs: all the same, so the grid stays a grid.
        double designW = SoldierNode.WIDTH;
        double designH = SoldierNode.HEIGHT;
        for (SoldierNode node : nodes.values()) {
            designW = Math.max(designW, node.designWidth());
            designH = Math.max(designH, node.designHeight());
        }
        HostGroupLayout.Placement placement = HostGroupLayout.of(places, w, h, designW, designH, MAX_SCALE,
                hostLabels.height(), GAP);
        double scale = placement.scale();
        for (Map.Entry<Soldier, SoldierNode> entry : nodes.entrySet()) {
            Integer slot = slots.get(entry.getKey());
            if (slot == null) {
                continue; // gone: falls or marches off from where it stood
            }
            SoldierNode node = entry.getValue();
            double[] cell = placement.cell(hosts.indexOf(entry.getKey().getHost()), slot);
            node.resize(SoldierNode.WIDTH, SoldierNode.HEIGHT);
            node.setScaleX(scale);
            node.setScaleY(scale);
            // Scaling is about the centre of the unscaled box: place that box so that, scaled, it is centred across
            // its cell and its top meets the cell's (the words below may reach past the box, into the cell).
            double cx = cell[0] + placement.cellWidth() / 2;
            node.relocate(cx - SoldierNode.WIDTH / 2, cell[1] - (1 - scale) * SoldierNode.HEIGHT / 2);
        }
        hostLabels.place(hosts, placement);
    }

    /** The hosts with a soldier standing, this machine first, then the others as they first came. */
    private List<String> standingHosts() {
        List<String> hosts = new ArrayList<>();
        for (Soldier soldier : slots.keySet()) {
            hostsSeen.add(soldier.getHost());
        }
        for (String host : hostsSeen) {
            if (slots.keySet().stream().anyMatch(s -> s.getHost().equals(host))) {
                hosts.add(host);
            }
        }
        hosts.sort((a, b) -> Boolean.compare(!WorkerId.LOCAL.equals(a), !WorkerId.LOCAL.equals(b)));
        return hosts;
    }

    /**
     * Frees the places of fallen soldiers and gives newcomers places, in join order: a soldier that replaces a
     * fallen one takes its place (even while it is still seen falling there), any other the first free one of its
     * host. Places are counted within each host.
     */
    private void assignSlots() {
        for (var it = slots.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Soldier, Integer> entry = it.next();
            if (!nodes.containsKey(entry.getKey()) || entry.getKey().getState().isGone()) {
                vacated.put(entry.getKey(), entry.getValue());
                it.remove();
            }
        }
        Map<String, BitSet> taken = new HashMap<>();
        slots.forEach((soldier, slot) -> taken.computeIfAbsent(soldier.getHost(), h -> new BitSet()).set(slot));
        List<Soldier> order = getSkinnable().getSoldiers() == null ? List.of() : getSkinnable().getSoldiers();
        for (Soldier soldier : order) {
            if (!soldier.getState().isGone() && !slots.containsKey(soldier) && nodes.containsKey(soldier)) {
                BitSet hostTaken = taken.computeIfAbsent(soldier.getHost(), h -> new BitSet());
                Soldier fallen = soldier.replaces();
                Integer standing = fallen == null ? null : slots.get(fallen);
                Integer left = fallen == null ? null : vacated.remove(fallen);
                int place = standing != null ? standing
                        : left != null && !hostTaken.get(left) ? left : hostTaken.nextClearBit(0);
                slots.put(soldier, place);
                hostTaken.set(place);
            }
        }
        // A place is kept for a fallen soldier only while a replacement may still come for it.
        vacated.keySet().removeIf(fallen -> !isAwaited(fallen, order));
    }

    private static boolean isAwaited(Soldier fallen, List<Soldier> order) {
        if (order.contains(fallen)) {
            return true;
        }
        for (Soldier soldier : order) {
            if (soldier.replaces() == fallen) {
                return true;
            }
        }
        return false;
    }

    /** Stops the frames and lets go of the control: the listeners registered above go with {@code super}. */
    @Override
    public void dispose() {
        timer.stop();
        ticking = false;
        for (Label label : List.of(message, queueTitle, queueMore, okTitle, badTitle, hint)) {
            label.textProperty().unbind();
        }
        message.visibleProperty().unbind();
        super.dispose();
    }
}
