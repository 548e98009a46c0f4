package io.garrison.ui.lessons;

import io.garrison.lessons.ManagerLesson;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Manager process (PID, address, connected clients), the join command, and its list and dict as they grow. */
public final class ManagerBoard extends VBox {

    public ManagerBoard(ManagerLessonViewModel lesson, LessonsBundle texts) {
        setSpacing(6);
        getStyleClass().add("manager-board");
        Label server = new Label();
        server.setId("manager-server");
        server.textProperty().bind(Bindings.createStringBinding(() -> {
            ManagerLesson.Server s = lesson.serverProperty().get();
            return s == null ? texts.text("lessons.manager.none")
                    : texts.text("lessons.manager.server", Long.toString(s.pid()), s.host() + ":" + s.port());
        }, lesson.serverProperty()));
        Label clients = new Label();
        clients.textProperty().bind(Bindings.createStringBinding(
                () -> texts.text("lessons.manager.clients", lesson.clients().toString()), lesson.clients()));
        TextField join = new TextField();
        join.setId("manager-join");
        join.setEditable(false);
        join.getStyleClass().add("code");
        join.textProperty().bind(Bindings.createStringBinding(() -> {
            ManagerLesson.Server s = lesson.serverProperty().get();
            return s == null ? "" : s.joinCommand();
        }, lesson.serverProperty()));
        ListView<String> list = new ListView<>(lesson.list());
        list.setId("manager-list");
        list.setPrefHeight(150);
        ListView<String> dict = new ListView<>(lesson.dict());
        dict.setPrefHeight(150);
        HBox objects = new HBox(10, new VBox(4, new Label(texts.text("lessons.manager.list", ManagerLesson.LIST)), list),
                new VBox(4, new Label(texts.text("lessons.manager.dict", ManagerLesson.DICT)), dict));
        Label hint = new Label(texts.text("lessons.manager.join.hint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        getChildren().addAll(server, clients, new Label(texts.text("lessons.manager.join")), join, hint, objects);
    }
}
