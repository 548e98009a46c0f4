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
    /** Below this width the list of lessons gives its room to the lesson and becomes a choice in the top bar. */
    static final double NARROW_WIDTH = 1100;
    /** Wide enough for the longest title, "2. apply_async, get, close, join". */
    private static final double LIST_WIDTH = 240;

    private final ListView<LessonViewModel> list = new ListView<>();
    private final ComboBox<LessonViewModel> choice = new ComboBox<>();
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
        list.setPrefWidth(LIST_WIDTH);
        setLeft(list);
        choice.setId("lessons-choice");
        choice.getItems().setAll(model.lessons());
        choice.setValue(model.selectedProperty().get());
        choice.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });

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
        HBox top = new HBox(10, heading, choice, spacer, language);
        top.getStyleClass().add("lessons-top");
        setTop(top);

        content.setFitToWidth(true);
        content.getStyleClass().add("lesson-scroll");
        setCenter(content);

        model.selectedProperty().addListener((obs, old, now) -> {
            list.getSelectionModel().select(now);
            choice.setValue(now);
            show();
        });
        widthProperty().addListener((obs, old, now) -> fitTo(now.doubleValue()));
        fitTo(getWidth());
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

    /** True when the lessons are chosen in the top bar, the window being too narrow for the list beside them. */
    boolean narrow() {
        return getLeft() == null;
    }

    private void fitTo(double width) {
        boolean narrow = width > 0 && width < NARROW_WIDTH;
        setLeft(narrow ? null : list);
        choice.setVisible(narrow);
        choice.setManaged(narrow);
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
        list.setCellFactory(v -> new LessonCell(texts));
        list.refresh();
        choice.setCellFactory(v -> new LessonCell(texts));
        choice.setButtonCell(new LessonCell(texts));
        content.setContent(new LessonPane(model.selectedProperty().get(), texts));
    }

    /** A lesson by its title, in the panel's language. */
    private static final class LessonCell extends ListCell<LessonViewModel> {
        private final LessonsBundle texts;

        LessonCell(LessonsBundle texts) {
            this.texts = texts;
        }

        @Override
        protected void updateItem(LessonViewModel lesson, boolean empty) {
            super.updateItem(lesson, empty);
            setText(empty || lesson == null ? null : texts.text("lesson." + lesson.id().key() + ".title"));
        }
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
