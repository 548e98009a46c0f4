package io.garrison.ui.log;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ListView;

/**
 * The event log as a virtualised list that follows the newest line. It copies the model's lines at most
 * {@value #REFRESHES_PER_SECOND} times a second, and only while it is shown: at 1,000 events a second the
 * model changes every frame, and a list view that relays out its cells and scrolls every frame cost the
 * window frames even in a hidden tab.
 */
public final class EventLogView extends ListView<String> {

    static final int REFRESHES_PER_SECOND = 4;

    private final EventLogModel model;
    private final ObservableList<String> shown = FXCollections.observableArrayList();
    private final InvalidationListener onChange = obs -> stale = true;
    private boolean stale = true;
    private long lastRefreshMs;

    public EventLogView(EventLogModel model) {
        this.model = model;
        setItems(shown);
        getStyleClass().add("event-log");
        model.lines().addListener(new WeakInvalidationListener(onChange));
    }

    /** Called once per frame; copies the model's lines when they changed, a few times a second. */
    public void refresh(long nowMs) {
        if (!stale || nowMs - lastRefreshMs < 1000 / REFRESHES_PER_SECOND || !isShown(this)) {
            return;
        }
        stale = false;
        lastRefreshMs = nowMs;
        shown.setAll(model.lines());
        if (!shown.isEmpty()) {
            scrollTo(shown.size() - 1);
        }
    }

    /** Whether {@code node} and every parent are visible (a tab pane hides the content of other tabs). */
    private static boolean isShown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
