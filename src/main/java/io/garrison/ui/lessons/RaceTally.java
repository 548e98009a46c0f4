package io.garrison.ui.lessons;

import io.garrison.lessons.RaceLesson;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Expected, counted and lost, without and with the lock. */
public final class RaceTally extends GridPane {

    private final LessonsBundle texts;

    public RaceTally(RaceLessonViewModel lesson, LessonsBundle texts) {
        this.texts = texts;
        setId("race-tally");
        getStyleClass().add("race-tally");
        setHgap(24);
        setVgap(4);
        lesson.outcomeProperty().addListener((obs, old, now) -> show(now));
        show(lesson.outcomeProperty().get());
    }

    private void show(RaceLesson.Outcome outcome) {
        getChildren().clear();
        addRow(0, header("lessons.race.run"), header("lessons.race.expected"), header("lessons.race.got"),
                header("lessons.race.lost"));
        if (outcome == null) {
            return;
        }
        row(1, "lessons.race.unlocked", outcome.expected(), outcome.unlocked());
        row(2, "lessons.race.locked", outcome.expected(), outcome.locked());
    }

    private void row(int index, String key, long expected, long got) {
        Label lost = new Label(Long.toString(expected - got));
        lost.getStyleClass().add(expected == got ? "exact" : "lost");
        lost.setId(index == 1 ? "race-lost-unlocked" : "race-lost-locked");
        addRow(index, new Label(texts.text(key)), new Label(Long.toString(expected)), new Label(Long.toString(got)), lost);
    }

    private Label header(String key) {
        Label label = new Label(texts.text(key));
        label.getStyleClass().add("lesson-section");
        return label;
    }
}
