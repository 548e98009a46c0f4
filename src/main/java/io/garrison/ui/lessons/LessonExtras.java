package io.garrison.ui.lessons;

import io.garrison.lessons.ApplyAsyncLesson;
import io.garrison.lessons.ClassroomWebServer;
import io.garrison.lessons.DeadWorkerLesson;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What a lesson adds to the common pane: controls beside Run, and a display of its own under the workers.
 *
 * @param controls nodes placed after the Run button
 * @param display shown under the worker board; {@code null} for none
 */
public record LessonExtras(List<Node> controls, Node display) {

    /** The extras of {@code lesson}'s kind. */
    public static LessonExtras of(LessonViewModel lesson, LessonsBundle texts) {
        if (lesson instanceof MapLessonViewModel map) {
            return map(map, texts);
        } else if (lesson instanceof ApplyAsyncLessonViewModel steps) {
            return applyAsync(steps, texts);
        } else if (lesson instanceof DownloadLessonViewModel download) {
            return download(download, texts);
        } else if (lesson instanceof SharedMemoryLessonViewModel shared) {
            return new LessonExtras(List.of(), new SharedMemoryCells(shared, texts));
        } else if (lesson instanceof RaceLessonViewModel race) {
            return new LessonExtras(List.of(), new RaceTally(race, texts));
        } else if (lesson instanceof ManagerLessonViewModel manager) {
            return manager(manager, texts);
        } else if (lesson instanceof DeadWorkerLessonViewModel dead) {
            return deadWorker(dead, texts);
        }
        return new LessonExtras(List.of(), null);
    }

    private static LessonExtras map(MapLessonViewModel lesson, LessonsBundle texts) {
        return new LessonExtras(slider(texts, "lessons.map.work", lesson.workMsProperty(), 0, 1000), null);
    }

    private static LessonExtras applyAsync(ApplyAsyncLessonViewModel lesson, LessonsBundle texts) {
        Button step = new Button(texts.text("lessons.step"));
        step.setId("lesson-step");
        step.disableProperty().bind(lesson.runningProperty());
        step.setOnAction(e -> lesson.step());
        Label next = new Label();
        next.setId("lesson-next-call");
        next.getStyleClass().add("next-call");
        next.textProperty().bind(Bindings.createStringBinding(() -> {
            ApplyAsyncLesson.Step s = lesson.nextStepProperty().get();
            return texts.text("lessons.apply-async.next", texts.text("lesson.apply-async.call." + s.name()));
        }, lesson.nextStepProperty()));
        return new LessonExtras(List.of(step, next), null);
    }

    private static LessonExtras download(DownloadLessonViewModel lesson, LessonsBundle texts) {
        CheckBox offline = new CheckBox(texts.text("lessons.download.offline"));
        offline.setId("lesson-offline");
        offline.selectedProperty().bindBidirectional(lesson.offlineProperty());
        offline.disableProperty().bind(lesson.runningProperty());
        List<Node> latency = slider(texts, "lessons.download.latency", lesson.latencyMsProperty(), 0, 3000);
        latency.forEach(n -> n.disableProperty().bind(lesson.offlineProperty().not()));
        Label slow = new Label(texts.text("lessons.download.slow", ClassroomWebServer.SLOW_SITE,
                ClassroomWebServer.SLOW_EXTRA.toSeconds()));
        slow.getStyleClass().add("hint");
        slow.visibleProperty().bind(lesson.offlineProperty());
        List<Node> controls = new ArrayList<>(List.of(offline));
        controls.addAll(latency);
        controls.add(slow);
        return new LessonExtras(controls, null);
    }

    private static LessonExtras manager(ManagerLessonViewModel lesson, LessonsBundle texts) {
        CheckBox keep = new CheckBox(texts.text("lessons.manager.keep", ManagerLessonViewModel.DEFAULT_LINGER.toMinutes()));
        keep.selectedProperty().bindBidirectional(lesson.keepServingProperty());
        keep.disableProperty().bind(lesson.runningProperty());
        CheckBox open = new CheckBox(texts.text("lessons.manager.open"));
        open.setId("manager-open");
        open.selectedProperty().bindBidirectional(lesson.openToNetworkProperty());
        open.disableProperty().bind(lesson.runningProperty());
        Button stop = new Button(texts.text("lessons.manager.stop"));
        stop.setId("manager-stop");
        stop.disableProperty().bind(lesson.lingeringProperty().not());
        stop.setOnAction(e -> lesson.stopManager());
        return new LessonExtras(List.of(new VBox(4, keep, open), stop), new ManagerBoard(lesson, texts));
    }

    private static LessonExtras deadWorker(DeadWorkerLessonViewModel lesson, LessonsBundle texts) {
        ToggleGroup group = new ToggleGroup();
        RadioButton python = new RadioButton(texts.text("lessons.dead-worker.python"));
        python.setId("lesson-mode-python");
        python.setUserData(DeadWorkerLesson.Mode.PYTHON);
        RadioButton garrison = new RadioButton(texts.text("lessons.dead-worker.garrison"));
        garrison.setId("lesson-mode-garrison");
        garrison.setUserData(DeadWorkerLesson.Mode.GARRISON);
        group.getToggles().addAll(python, garrison);
        group.selectToggle(lesson.modeProperty().get() == DeadWorkerLesson.Mode.PYTHON ? python : garrison);
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                lesson.modeProperty().set((DeadWorkerLesson.Mode) now.getUserData());
            }
        });
        python.disableProperty().bind(lesson.runningProperty());
        garrison.disableProperty().bind(lesson.runningProperty());
        Label countdown = new Label();
        countdown.setId("lesson-countdown");
        countdown.getStyleClass().add("countdown");
        countdown.textProperty().bind(Bindings.createStringBinding(
                () -> texts.text("lessons.dead-worker.countdown", lesson.secondsLeftProperty().get()),
                lesson.secondsLeftProperty()));
        countdown.visibleProperty().bind(lesson.secondsLeftProperty().greaterThanOrEqualTo(0));
        Label explain = new Label(texts.text("lessons.dead-worker.hint", DeadWorkerLesson.VICTIM_INPUT));
        explain.getStyleClass().add("hint");
        return new LessonExtras(List.of(new VBox(4, python, garrison), countdown), explain);
    }

    private static List<Node> slider(LessonsBundle texts, String key, IntegerProperty value,
                                     int min, int max) {
        Slider slider = new Slider(min, max, value.get());
        slider.setPrefWidth(160);
        slider.valueProperty().addListener((obs, old, now) -> value.set(now.intValue()));
        Label label = new Label();
        label.textProperty().bind(Bindings.createStringBinding(() -> texts.text(key, value.get()), value));
        return List.of(new HBox(6, label, slider));
    }
}
