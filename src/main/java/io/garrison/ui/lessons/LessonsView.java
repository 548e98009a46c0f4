package io.garrison.ui.lessons;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The Lessons panel: the list of lessons on the left, the chosen one on the right, a language switch on top.
 * A plain node, usable in a Tab or a Stage of its own. While it is in a scene, a frame timer applies the
 * lessons' queued updates once per frame; whoever owns the {@link LessonsViewModel} closes it.
 */
public final class LessonsView extends BorderPane {

    /** The stylesheet of the panel, for the scene or a parent that shows it. */
    public static final String STYLESHEET = "/css/lessons.css";

    private final LessonsViewModel model;
    private final ListView<LessonViewModel> list = new ListView<>();
    private final ScrollPane content = new ScrollPane();
    private final Label heading = new Label();
    private final ObservableValue<Boolean> shown;
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            model.tick();
        }
    };

    /** The panel over {@code model}; the caller closes the model when the panel goes away. */
    public LessonsView(LessonsViewModel model) {
        this.model = model;
        getStyleClass().add("lessons-view");
        getStylesheets().add(LessonsView.class.getResource(STYLESHEET).toExternalForm());

        list.setId("lessons-list");
        list.getItems().setAll(model.lessons());
        list.getSelectionModel().select(model.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        list.setPrefWidth(270);
        setLeft(list);

        ComboBox<Locale> language = new ComboBox<>();
        language.setId("lessons-language");
        language.getItems().setAll(LessonsViewModel.languages());
        language.setValue(model.localeProperty().get());
        language.setCellFactory(v -> new LanguageCell());
        language.setButtonCell(new LanguageCell());
        language.valueProperty().addListener((obs, old, now) -> model.localeProperty().set(now));
        heading.getStyleClass().add("lessons-heading");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, heading, spacer, language);
        top.getStyleClass().add("lessons-top");
        setTop(top);

        content.setFitToWidth(true);
        content.getStyleClass().add("lesson-scroll");
        setCenter(content);

        model.selectedProperty().addListener((obs, old, now) -> {
            list.getSelectionModel().select(now);
            show();
        });
        model.localeProperty().addListener((obs, old, now) -> {
            language.setValue(now);
            show();
        });
        // Frames only while the panel is on a showing window: a closed window must not keep the timer (and this
        // view) alive.
        shown = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        shown.addListener((obs, was, is) -> runFrames(is));
        runFrames(shown.getValue());
        show();
    }

    /** The state it shows. */
    public LessonsViewModel model() {
        return model;
    }

    private void runFrames(boolean on) {
        if (on) {
            frames.start();
        } else {
            frames.stop();
        }
    }

    /** Rebuilds the texts for the current language and lesson; the lessons' state lives on in their models. */
    private void show() {
        LessonsBundle texts = new LessonsBundle(model.localeProperty().get());
        heading.setText(texts.text("lessons.heading"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LessonViewModel lesson, boolean empty) {
                super.updateItem(lesson, empty);
                setText(empty || lesson == null ? null : texts.text("lesson." + lesson.id().key() + ".title"));
            }
        });
        list.refresh();
        content.setContent(new LessonPane(model.selectedProperty().get(), texts));
    }

    /** A language named in itself, so a reader finds their own whatever the current one is. */
    private static final class LanguageCell extends ListCell<Locale> {
        @Override
        protected void updateItem(Locale locale, boolean empty) {
            super.updateItem(locale, empty);
            setText(empty || locale == null ? null : locale.getDisplayLanguage(locale));
        }
    }
}
