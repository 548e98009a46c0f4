package io.garrison.ui.lessons;

import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One lesson on screen: title, explanation, the Python program beside the Garrison one, Run and the lesson's
 * own controls, the live worker processes, what the lesson shows of its own, and the output. Built for one
 * language; the panel builds a new one when the language changes.
 */
public final class LessonPane extends VBox {

    /** The pane of {@code lesson} in the language of {@code texts}. */
    public LessonPane(LessonViewModel lesson, LessonsBundle texts) {
        getStyleClass().add("lesson-pane");
        setSpacing(10);
        LessonExtras extras = LessonExtras.of(lesson, texts);
        getChildren().addAll(title(lesson, texts), explanation(lesson, texts), programs(lesson, texts),
                controls(lesson, texts, extras));
        // What the lesson is about (the cells, the tally, the Manager) comes right under Run, before the workers.
        if (extras.display() != null) {
            getChildren().add(extras.display());
        }
        // The app's parade ground draws the soldiers; the cards under it keep each one's record in words.
        getChildren().addAll(section(texts.text("lessons.workers")), lesson.parade().view(lesson::killWorker, texts.locale()),
                new WorkerBoardView(lesson.board(), texts, lesson::killWorker),
                section(texts.text("lessons.output")), output(lesson, texts));
    }

    private static Label title(LessonViewModel lesson, LessonsBundle texts) {
        Label title = new Label(texts.text("lesson." + lesson.id().key() + ".title"));
        title.getStyleClass().add("lesson-title");
        return title;
    }

    private static Label explanation(LessonViewModel lesson, LessonsBundle texts) {
        Label explanation = new Label(LessonTexts.explanation(lesson.id(), texts.locale()));
        explanation.setWrapText(true);
        explanation.getStyleClass().add("lesson-explanation");
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        return explanation;
    }

    /** The Python program beside the Garrison one, or above it where they do not fit side by side. */
    private static Node programs(LessonViewModel lesson, LessonsBundle texts) {
        TextArea pythonArea = codeArea(LessonTexts.python(lesson.id()));
        TextArea javaArea = codeArea(LessonTexts.java(lesson.id()));
        if (lesson instanceof ApplyAsyncLessonViewModel steps) {
            CallHighlighter.follow(steps, pythonArea, javaArea);
        }
        return new LessonPrograms(section(texts.text("lessons.code.python")), pythonArea,
                section(texts.text("lessons.code.java")), javaArea);
    }

    private static Node controls(LessonViewModel lesson, LessonsBundle texts, LessonExtras extras) {
        Button run = new Button(texts.text("lessons.run"));
        run.setId("lesson-run");
        run.getStyleClass().add("lesson-run");
        run.disableProperty().bind(lesson.runningProperty());
        run.setOnAction(e -> lesson.run());
        // The same lesson in Python itself: the tutorial's own program, its own workers, its own output.
        Button inPython = new Button(texts.text("lessons.runInPython"));
        inPython.setId("lesson-run-python");
        inPython.getStyleClass().add("lesson-run-python");
        inPython.disableProperty().bind(lesson.runningProperty());
        inPython.setOnAction(e -> lesson.runInPython());
        inPython.setTooltip(new Tooltip(texts.text("lessons.runInPython.tip")));
        // A row that wraps: some lessons' controls are wider than a small window.
        FlowPane controls = new FlowPane(12, 8, run, inPython);
        controls.getChildren().addAll(extras.controls());
        controls.getStyleClass().add("lesson-controls");
        return controls;
    }

    private static TextArea codeArea(String source) {
        TextArea area = new TextArea(source);
        area.setEditable(false);
        area.getStyleClass().add("code");
        return area;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("lesson-section");
        return label;
    }

    private static Node output(LessonViewModel lesson, LessonsBundle texts) {
        ListView<LogLine> list = new ListView<>(lesson.output());
        list.setId("lesson-output");
        list.getStyleClass().add("lesson-output");
        list.setPrefHeight(230);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : texts.text(line));
            }
        });
        // Follow the newest line as a terminal does. Weakly: the lesson outlives panes built for other languages.
        ListChangeListener<LogLine> follow = c -> list.scrollTo(Math.max(0, lesson.output().size() - 1));
        list.getProperties().put(ListChangeListener.class, follow);
        lesson.output().addListener(new WeakListChangeListener<>(follow));
        return list;
    }
}
