package io.garrison.ui.main;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.PoolState;
import io.garrison.engine.WorkerId;
import io.garrison.python.PythonEventSource;
import io.garrison.python.PythonOutcome;
import io.garrison.stream.BadEventLine;
import io.garrison.stream.EventRecording;
import io.garrison.stream.EventSink;
import io.garrison.stream.EventSource;
import io.garrison.stream.ReplayClock;
import io.garrison.stream.StreamTruth;
import io.garrison.ui.check.PictureCheck;
import io.garrison.ui.event.FrameEventPump;
import io.garrison.ui.i18n.I18n;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The window drawing a stream of events instead of its own pool: a live source (a pipe, a running command line,
 * a Python script) or a replay of a saved stream. The events go through the same pump to the same models as the
 * pool's own; beside them, a {@link StreamTruth} folds what the stream says, so the picture is judged against the
 * stream as the pool's picture is judged against the pool.
 *
 * <p>FX thread, except the sink a live source calls from its own thread.
 */
final class StreamSession {

    /** What the window watches now. */
    sealed interface Watched permits Live, Replay {
        /** How the window names it: the file, "standard input", the run's port, the script. */
        String name();
    }

    /** A stream read as it comes. */
    record Live(String name, EventSource source) implements Watched {
    }

    /** A saved stream played back under a clock. */
    record Replay(String name, EventRecording recording, ReplayClock clock, EventRecording.Cursor cursor)
            implements Watched {
    }

    private final Executor fx;
    private final LongSupplier wall;
    private final MainModels models;
    private final FrameEventPump pump;
    private final Runnable cleared;
    private final ObjectProperty<Watched> watched = new SimpleObjectProperty<>(this, "watched");
    private final BooleanProperty ended = new SimpleBooleanProperty(this, "ended");
    /** Where a replay stands, in ms from its start, for the seek bar (updated each frame). */
    private final LongProperty replayAtMs = new SimpleLongProperty(this, "replayAtMs");
    private final BooleanProperty replayPlaying = new SimpleBooleanProperty(this, "replayPlaying");
    private final StringProperty sourceNote = new SimpleStringProperty(this, "sourceNote", "");
    /** Why a soldier's Kill -9 reaches no worker; empty while it does. */
    private final StringProperty killRefusal = new SimpleStringProperty(this, "killRefusal", "");
    /** Guarded by itself: the live source's thread feeds it, the FX thread reads it. */
    private StreamTruth truth = new StreamTruth();
    /** Tasks a dead worker took with it and nobody runs again (a Python pool's), guarded as the truth is. */
    private int lostTasks;
    /** What the picture says while a Python pool waits for a task it lost; empty otherwise. */
    private final StringProperty waitingForLost = new SimpleStringProperty(this, "waitingForLost", "");
    /** The pool size the picture was last told, guarded as the truth is. */
    private int announcedWorkers;
    /** Whether the window has said the pool ended (all workers gone after the run), once per stream. */
    private boolean endShown;
    /** Set until a replay's first frame starts its clock. */
    private boolean playOnNextFrame;
    /** Counts streams watched, so a source replaced by another cannot feed the new one's picture. */
    private int generation;

    /**
     * @param pump    the window's one event pump, whose waiting events a cleared picture drops
     * @param cleared called each time the picture is cleared for a stream (or drawn again from a replay's start),
     *                after the models were: what the window keeps beside them (a run's summary, a pending mend)
     *                goes with it
     */
    StreamSession(Executor fx, LongSupplier wall, MainModels models, FrameEventPump pump, Runnable cleared) {
        this.fx = fx;
        this.wall = wall;
        this.models = models;
        this.pump = pump;
        this.cleared = cleared;
    }

    /** Draws {@code source} from now on: a fresh picture, fed as the source delivers. */
    void watchLive(String name, EventSource source) {
        Live live = new Live(name, source);
        begin(live);
        int mine = generation;
        source.start(new EventSink() {
            @Override
            public void event(PoolEvent event) {
                deliver(mine, event);
            }

            @Override
            public void badLine(BadEventLine problem) {
                fx.execute(() -> {
                    if (mine == generation) {
                        models.log().note(I18n.get("ui.watch.badLine", name, problem.getMessage()));
                    }
                });
            }

            @Override
            public void ended(IOException failure) {
                fx.execute(() -> {
                    if (mine == generation) {
                        streamEnded(failure == null ? null : String.valueOf(failure.getMessage()));
                    }
                });
            }
        });
    }

    /** Plays {@code recording} back from its start at {@code speed}, playing at once. */
    void watchReplay(String name, EventRecording recording, double speed) {
        ReplayClock clock = new ReplayClock(recording.startMs(), recording.endMs());
        clock.setSpeed(speed, wall.getAsLong());
        Replay replay = new Replay(name, recording, clock, recording.cursor());
        begin(replay);
        for (BadEventLine bad : recording.badLines()) {
            models.log().note(I18n.get("ui.watch.badLine", name, bad.getMessage()));
        }
        models.parade().lag().setClockRate(speed);
        // The clock starts with the first frame that can show it: a window still opening would miss its start.
        playOnNextFrame = true;
        replayPlaying.set(true);
    }

    private void begin(Watched next) {
        stop();
        forgetTheStream();
        endShown = false;
        ended.set(false);
        watched.set(next);
        sourceNote.set(noteOf(next));
        killRefusal.set(next instanceof Live live && live.source().canKill() ? "" : sourceNote.get());
        clearPicture();
        models.phaseProperty().set(MainViewModel.Phase.RUNNING);
        models.log().note(I18n.get(next instanceof Replay ? "ui.watch.replaying" : "ui.watch.watching", next.name()));
    }

    /** What the bar says of the pool's controls for {@code watched}: what its source cannot do. */
    private static String noteOf(Watched watched) {
        if (watched instanceof Replay) {
            return I18n.get("ui.watch.noPool.replay");
        }
        EventSource source = ((Live) watched).source();
        if (!source.canKill()) {
            return I18n.get("ui.watch.noPool.pipe");
        }
        // A script's pool is the script's: it has no Close or size of Garrison's to offer.
        return source instanceof PythonEventSource ? "" : I18n.get("ui.watch.noPool.run");
    }

    /**
     * From now on no event of the stream watched so far reaches the picture: those on their way are dropped, and a
     * source still delivering is turned away (the generation is changed under the lock its deliveries take).
     */
    private void forgetTheStream() {
        synchronized (this) {
            generation++;
            truth = new StreamTruth();
            announcedWorkers = 0;
            lostTasks = 0;
        }
        pump.discard();
    }

    private void clearPicture() {
        models.parade().lag().reset();
        models.board().loadStream();
        models.parade().clearSoldiers();
        models.parade().clearTray();
        models.timeline().reset();
        models.throughput().reset(clockNow());
        models.problemProperty().set("");
        cleared.run();
    }

    /**
     * Folds {@code event} into the stream's truth and hands it to the picture, unless it comes from a stream no
     * longer watched. A stream says nothing of its pool's size: when more workers stand than the picture was told,
     * it is told the pool runs with that many, as a pool of the window's own says when it starts or grows.
     */
    private synchronized void deliver(int streamGeneration, PoolEvent event) {
        if (streamGeneration != generation) {
            return;
        }
        if (event instanceof PoolEvent.TaskFailed failed && !failed.willRetry()
                && failed.cause() == FailureCause.WORKER_DIED) {
            lostTasks++;
        }
        truth.apply(event);
        pump.onEvent(event);
        if (truth.liveWorkers() > announcedWorkers && !truth.poolEnded()) {
            announcedWorkers = truth.liveWorkers();
            pump.onEvent(new PoolEvent.PoolStateChanged(event.timestampMs(), PoolState.RUNNING, announcedWorkers,
                    false));
        }
    }

    /** Per frame: a replay gives the events its clock has reached; the pool's end is shown once it came. */
    void frame() {
        if (watched.get() instanceof Replay replay) {
            long now = wall.getAsLong();
            if (playOnNextFrame) {
                playOnNextFrame = false;
                replay.clock().play(now);
            }
            List<PoolEvent> due = replay.cursor().advanceTo(replay.clock().streamMs(now));
            for (PoolEvent event : due) {
                deliver(generation, event);
            }
            replayAtMs.set(Math.min(replay.clock().endMs(), replay.clock().streamMs(now)) - replay.clock().startMs());
            if (replay.cursor().atEnd() && !ended.get()) {
                // The clock runs on, so the last steps finish; only the button says the replay is over.
                replayPlaying.set(false);
                streamEnded(null);
            }
        }
        showPoolEnd();
        showWaitForLost();
    }

    /**
     * A Python pool that lost a task with its worker waits for it for ever: once its other workers stand idle, the
     * picture says so, and when the script will be stopped.
     */
    private void showWaitForLost() {
        if (!(watched.get() instanceof Live live) || !(live.source() instanceof PythonEventSource script)) {
            return;
        }
        int lost;
        boolean idle;
        synchronized (this) {
            lost = lostTasks;
            idle = truth.runningTasks() == 0;
        }
        String shown = lost > 0 && idle && !ended.get()
                ? I18n.get("ui.python.waiting", lost, script.launch().patience().toSeconds()) : "";
        if (!shown.equals(waitingForLost.get())) {
            waitingForLost.set(shown);
        }
    }

    /**
     * The stream's pool has no state events: once its run finished and every worker left, the picture is told
     * the pool closed, as the app's own pool would say it.
     */
    private void showPoolEnd() {
        if (endShown) {
            return;
        }
        boolean poolEnded;
        long at;
        synchronized (this) {
            poolEnded = truth.poolEnded();
            at = truth.lastStampMs();
        }
        if (poolEnded) {
            endShown = true;
            pump.onEvent(new PoolEvent.PoolStateChanged(at, PoolState.TERMINATED, 0, false));
        }
    }

    private void streamEnded(String failure) {
        ended.set(true);
        waitingForLost.set("");
        if (killRefusal.get().isEmpty()) {
            killRefusal.set(I18n.get("ui.watch.noPool.ended"));
        }
        if (failure != null) {
            models.reportProblem(I18n.get("ui.watch.lost", name(), failure));
        } else if (watched.get() instanceof Live live && live.source() instanceof PythonEventSource script
                && script.outcome().isPresent()) {
            scriptEnded(script.outcome().get());
        } else {
            models.log().note(I18n.get("ui.watch.ended", name()));
        }
        if (models.phase() == MainViewModel.Phase.RUNNING && !hasSummary()) {
            // A stream that ended without its run's summary (a script's pool, a run cut off) ends here.
            models.phaseProperty().set(MainViewModel.Phase.FINISHED);
            models.throughput().finish();
        }
    }

    /** How a Python script ended, in words: by itself, stopped, or stopped because its pool waited for ever. */
    private void scriptEnded(PythonOutcome outcome) {
        switch (outcome.ending()) {
            case EXITED -> models.log().note(I18n.get("ui.python.exited", name(), outcome.exitCode()));
            case STOPPED -> models.log().note(I18n.get("ui.python.stopped", name()));
            case STOPPED_AFTER_PATIENCE -> models.reportProblem(I18n.get("ui.python.hung", name(),
                    outcome.lostTasks()));
        }
    }

    private synchronized boolean hasSummary() {
        return truth.summary() != null;
    }

    /** What the stream says the pool is now, for the self-check and for mending the picture. */
    synchronized PoolSnapshot snapshot() {
        return truth.snapshot();
    }

    /** What the stream says, in the self-check's terms. */
    synchronized PictureCheck.Real realPicture() {
        return new PictureCheck.Real(truth.snapshot(), truth.total(), truth.succeeded(), truth.failed(),
                truth.skipped());
    }

    /** Whether a soldier's kill reaches a real worker. */
    boolean canKill() {
        return watched.get() instanceof Live live && live.source().canKill() && !ended.get();
    }

    void kill(WorkerId id) {
        if (watched.get() instanceof Live live && canKill()) {
            models.log().note(I18n.get("ui.log.killing", id.toString()));
            try {
                live.source().kill(id);
            } catch (UnsupportedOperationException e) {
                // Between the menu and the kill the worker left (or was never the source's): nothing is signalled.
                models.log().note(I18n.get("ui.watch.killRefused", id.toString()));
            }
        } else {
            models.log().note(killRefusal.get());
        }
    }

    void play() {
        if (watched.get() instanceof Replay replay) {
            if (replay.cursor().atEnd()) {
                seekTo(0);
            }
            replay.clock().pause(wall.getAsLong());
            replay.clock().play(wall.getAsLong());
            replayPlaying.set(true);
        }
    }

    void pause() {
        playOnNextFrame = false;
        if (watched.get() instanceof Replay replay) {
            replay.clock().pause(wall.getAsLong());
            replayPlaying.set(false);
        }
    }

    void setSpeed(double times) {
        if (watched.get() instanceof Replay replay) {
            replay.clock().setSpeed(times, wall.getAsLong());
            models.parade().lag().setClockRate(times);
        }
    }

    /**
     * Moves a replay to {@code offsetMs} from its start. Going back draws the picture again from the first event:
     * a picture cannot be un-drawn, and the events up to a moment say exactly what it showed then.
     */
    void seekTo(long offsetMs) {
        if (!(watched.get() instanceof Replay replay)) {
            return;
        }
        long now = wall.getAsLong();
        long target = replay.clock().startMs() + offsetMs;
        boolean back = target < replay.clock().streamMs(now) || ended.get();
        replay.clock().seek(target, now);
        if (back) {
            forgetTheStream();
            endShown = false;
            ended.set(false);
            replay.cursor().rewind();
            clearPicture();
            models.phaseProperty().set(MainViewModel.Phase.RUNNING);
            // After the end the clock still runs (for the last steps): a seek plays on from there, and says so.
            replayPlaying.set(replay.clock().isPlaying());
        } else {
            // Skipped events are not late: the picture is measured from the moment it was taken to.
            models.parade().lag().reset();
        }
        replayAtMs.set(replay.clock().streamMs(now) - replay.clock().startMs());
    }

    /** The stream time a replay shows, else null (the window then runs on the wall clock). */
    Long replayTime(long wallMs) {
        return watched.get() instanceof Replay replay ? replay.clock().streamMs(wallMs) : null;
    }

    private long clockNow() {
        Long replay = replayTime(wall.getAsLong());
        return replay == null ? wall.getAsLong() : replay;
    }

    /** Stops watching: a live source is closed (a script it started is stopped). */
    void stop() {
        models.parade().lag().setClockRate(1);
        Watched now = watched.get();
        if (now instanceof Live live) {
            live.source().close();
        }
        synchronized (this) {
            generation++;
        }
        watched.set(null);
        replayPlaying.set(false);
    }

    boolean isWatching() {
        return watched.get() != null;
    }

    boolean isReplay() {
        return watched.get() instanceof Replay;
    }

    /** Whether a replay plays on (the frames must keep coming for it). */
    boolean wantsFrames() {
        // A paused replay, or one at its end, draws only as its last steps finish (the view model asks the parade).
        return watched.get() instanceof Replay && replayPlaying.get();
    }

    String name() {
        Watched now = watched.get();
        return now == null ? "" : now.name();
    }

    ObjectProperty<Watched> watchedProperty() {
        return watched;
    }

    BooleanProperty endedProperty() {
        return ended;
    }

    LongProperty replayAtMsProperty() {
        return replayAtMs;
    }

    BooleanProperty replayPlayingProperty() {
        return replayPlaying;
    }

    /** What the picture says while a Python pool waits for a task it lost; empty otherwise. */
    StringProperty waitingForLostProperty() {
        return waitingForLost;
    }

    /** Why a soldier's Kill -9 reaches no worker; empty while it does. */
    StringProperty killRefusalProperty() {
        return killRefusal;
    }

    /** Why pool controls do nothing here; empty when the source can do them. */
    StringProperty sourceNoteProperty() {
        return sourceNote;
    }

    /** How many times faster than it happened the replay plays; 1 when not a replay. */
    double replaySpeed() {
        return watched.get() instanceof Replay replay ? replay.clock().speed() : 1;
    }

    /** How long the replay is; 0 when not a replay. */
    long replayLengthMs() {
        return watched.get() instanceof Replay replay ? replay.recording().durationMs() : 0;
    }
}
