package io.garrison.ui.lessons;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolState;
import io.garrison.ui.details.WorkerDetailsDialog;
import io.garrison.ui.parade.ParadeBinding;
import io.garrison.ui.parade.ParadeGround;
import io.garrison.ui.parade.ParadeModel;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * The app's parade ground for one lesson: the same soldiers the main window draws, fed with the lesson pool's
 * events once per frame. FX thread only.
 */
public final class LessonParade {

    private final ParadeModel model = new ParadeModel();

    /** Applies one frame's events; an empty batch still moves the soldiers along. */
    void apply(List<PoolEvent> batch, long nowMs) {
        if (batch.isEmpty()) {
            model.tick(nowMs);
            return;
        }
        model.apply(batch, nowMs);
        // A lesson's pool reports no state until it changes one: its first workers show it is running.
        if (model.poolStateProperty().get() == null && batch.stream().anyMatch(PoolEvent.WorkerStarted.class::isInstance)) {
            model.poolStateProperty().set(PoolState.RUNNING);
        }
    }

    /** Forgets the last run's soldiers and tray, for a run of a pool of {@code workers}. */
    void clear(int workers) {
        model.clearSoldiers();
        model.clearTray();
        model.poolStateProperty().set(null);
        model.targetSizeProperty().set(workers);
    }

    /** The model behind the drawing, for tests. */
    public ParadeModel model() {
        return model;
    }

    /**
     * A parade ground that draws this lesson's soldiers.
     *
     * @param onKill   what a right-click "kill" on a soldier does, given its PID
     * @param language the lessons window's language, which may differ from the main window's
     */
    ParadeGround view(LongConsumer onKill, Locale language) {
        ParadeGround ground = new ParadeGround();
        ground.getStyleClass().add("lesson-parade");
        ground.setLanguage(language);
        // A lesson's pool runs on this machine only: its kill takes a local PID.
        ParadeBinding.bindTo(ground, model, id -> {
            if (id.isLocal()) {
                onKill.accept(id.pid());
            }
        }, WorkerDetailsDialog.opener(ground));
        return ground;
    }
}
