package io.garrison.ui.log;

import javafx.collections.ListChangeListener;
import javafx.scene.control.ListView;

/** The event log as a virtualised list that follows the newest line. */
public final class EventLogView extends ListView<String> {

    public EventLogView(EventLogModel model) {
        super(model.lines());
        getStyleClass().add("event-log");
        model.lines().addListener((ListChangeListener<String>) change -> {
            if (!getItems().isEmpty()) {
                scrollTo(getItems().size() - 1);
            }
        });
    }
}
