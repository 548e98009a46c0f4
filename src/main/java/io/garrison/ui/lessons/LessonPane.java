package io.garrison.ui.lessons;

import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One lesson on screen: title, explanation, the Python program beside the Garrison one, Run and the lesson's
 * own controls, the live worker processes, what the lesson shows of its own, and the output. Built for one
 * language; the panel builds a new one when the language changes.
 */
public final class LessonPane extends VBox {

    private static final int MAX_CODE_ROWS = 18;
    private static final double PYTHON_WIDTH_PERCENT = 41;

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

    /** The Python program beside the Garrison one. */
    private static Node programs(LessonViewModel lesson, LessonsBundle texts) {
        String python = LessonTexts.python(lesson.id());
        String java = LessonTexts.java(lesson.id());
        // Both programs get the same height, so the eye can go across from one line to its twin.
        int rows = (int) Math.min(MAX_CODE_ROWS, Math.max(python.lines().count(), java.lines().count()) + 1);
        GridPane code = new GridPane();
        code.setHgap(10);
        code.getStyleClass().add("lesson-code");
        // Java says the same in longer lines: it gets the wider column.
        code.getColumnConstraints().addAll(column(PYTHON_WIDTH_PERCENT), column(100 - PYTHON_WIDTH_PERCENT));
        TextArea pythonArea = codeArea(python, rows);
        TextArea javaArea = codeArea(java, rows);
        code.addRow(0, new VBox(4, section(texts.text("lessons.code.python")), pythonArea),
                new VBox(4, section(texts.text("lessons.code.java")), javaArea));
        if (lesson instanceof ApplyAsyncLessonViewModel steps) {
            CallHighlighter.follow(steps, pythonArea, javaArea);
        }
        return code;
    }

    private static Node controls(LessonViewModel lesson, LessonsBundle texts, LessonExtras extras) {
        Button run = new Button(texts.text("lessons.run"));
        run.setId("lesson-run");
        run.getStyleClass().add("lesson-run");
        run.disableProperty().bind(lesson.runningProperty());
        run.setOnAction(e -> lesson.run());
        HBox controls = new HBox(12, run);
        controls.getChildren().addAll(extras.controls());
        controls.getStyleClass().add("lesson-controls");
        return controls;
    }

    private static TextArea codeArea(String source, int rows) {
        TextArea area = new TextArea(source);
        area.setEditable(false);
        area.getStyleClass().add("code");
        area.setPrefRowCount(rows);
        return area;
    }

    private static ColumnConstraints column(double percent) {
        ColumnConstraints column = new ColumnConstraints();
        column.setPercentWidth(percent);
        return column;
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
