package io.garrison.ui.lessons;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One lesson on screen: title, explanation, the Python program beside the Garrison one, Run and the lesson's
 * own controls, the live worker processes, what the lesson shows of its own, and the output. Built for one
 * language; the panel builds a new one when the language changes.
 */
public final class LessonPane extends VBox {

    public LessonPane(LessonViewModel lesson, LessonsBundle texts) {
        getStyleClass().add("lesson-pane");
        setSpacing(10);
        String key = lesson.id().key();
        Label title = new Label(texts.text("lesson." + key + ".title"));
        title.getStyleClass().add("lesson-title");
        Label explanation = new Label(LessonTexts.explanation(lesson.id(), texts.locale()));
        explanation.setWrapText(true);
        explanation.getStyleClass().add("lesson-explanation");
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        HBox code = new HBox(10, codeBox(texts.text("lessons.code.python"), LessonTexts.python(lesson.id())),
                codeBox(texts.text("lessons.code.java"), LessonTexts.java(lesson.id())));
        code.getStyleClass().add("lesson-code");

        Button run = new Button(texts.text("lessons.run"));
        run.setId("lesson-run");
        run.getStyleClass().add("lesson-run");
        run.disableProperty().bind(lesson.runningProperty());
        run.setOnAction(e -> lesson.run());
        LessonExtras extras = LessonExtras.of(lesson, texts);
        HBox controls = new HBox(12, run);
        controls.getChildren().addAll(extras.controls());
        controls.getStyleClass().add("lesson-controls");

        getChildren().addAll(title, explanation, code, controls, section(texts.text("lessons.workers")),
                new WorkerBoardView(lesson.board(), texts));
        if (extras.display() != null) {
            getChildren().add(extras.display());
        }
        getChildren().addAll(section(texts.text("lessons.output")), output(lesson, texts));
    }

    private static Node codeBox(String heading, String source) {
        TextArea area = new TextArea(source);
        area.setEditable(false);
        area.getStyleClass().add("code");
        area.setPrefRowCount((int) Math.min(22, source.lines().count() + 1));
        VBox box = new VBox(4, section(heading), area);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPrefWidth(100);
        return box;
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
        list.setPrefHeight(170);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : texts.text(line));
            }
        });
        // Follow the newest line as a terminal does.
        lesson.output().addListener((javafx.collections.ListChangeListener<LogLine>) c ->
                list.scrollTo(Math.max(0, lesson.output().size() - 1)));
        return list;
    }
}
