package io.garrison.ui.main;

import io.garrison.ui.log.EventLogModel;
import io.garrison.ui.parade.ParadeModel;
import io.garrison.ui.stats.ThroughputModel;
import io.garrison.ui.tasks.TaskBoard;
import io.garrison.ui.timeline.TimelineModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The models the main window's views draw (task board, parade, timeline, throughput, event log) and where the
 * window stands (its phase, the last problem), shared by the list, the pool and the run. FX thread.
 */
final class MainModels {

    private final ObjectProperty<MainViewModel.Phase> phase =
            new SimpleObjectProperty<>(this, "phase", MainViewModel.Phase.EMPTY);
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final TaskBoard board = new TaskBoard();
    private final ParadeModel parade = new ParadeModel();
    private final TimelineModel timeline = new TimelineModel();
    private final ThroughputModel throughput = new ThroughputModel();
    private final EventLogModel log = new EventLogModel();
    private final HostPauses hostPauses = new HostPauses(System::currentTimeMillis);

    /** Shows {@code text} as the window's problem and writes it in the event log. */
    void reportProblem(String text) {
        problem.set(text);
        log.note(text);
    }

    ObjectProperty<MainViewModel.Phase> phaseProperty() {
        return phase;
    }

    MainViewModel.Phase phase() {
        return phase.get();
    }

    StringProperty problemProperty() {
        return problem;
    }

    TaskBoard board() {
        return board;
    }

    ParadeModel parade() {
        return parade;
    }

    TimelineModel timeline() {
        return timeline;
    }

    HostPauses hostPauses() {
        return hostPauses;
    }

    ThroughputModel throughput() {
        return throughput;
    }

    EventLogModel log() {
        return log;
    }
}
