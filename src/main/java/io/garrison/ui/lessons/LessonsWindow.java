package io.garrison.ui.lessons;

import io.garrison.ui.RememberedWindow;
import io.garrison.ui.WindowPlacement;
import io.garrison.ui.i18n.I18n;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Dimension2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Lessons panel in a window of its own: the one call the main window's menu needs. */
public final class LessonsWindow {

    /** A fresh window takes up to 1280×900 of its screen; the panel is laid out for no less than 800×560. */
    static final WindowPlacement PLACEMENT = new WindowPlacement(new Dimension2D(1280, 900), new Dimension2D(800, 560));

    private LessonsWindow() {
    }

    /**
     * Opens the Lessons window in the app's language ({@link I18n}), following it when it changes. FX thread.
     *
     * @return the shown stage
     */
    public static Stage show(Window opener) {
        return show(opener, I18n.localeProperty());
    }

    /**
     * Opens the Lessons window and keeps it in the app's language when that changes; the window's own switch
     * still works in between. FX thread.
     *
     * @param appLocale the app's language, observed
     * @return the shown stage
     */
    public static Stage show(Window opener, ObservableValue<Locale> appLocale) {
        Stage stage = show(opener, appLocale.getValue());
        LessonsViewModel model = ((LessonsView) stage.getScene().getRoot()).model();
        ChangeListener<Locale> follow = (obs, old, now) -> model.localeProperty().set(LessonsViewModel.supported(now));
        appLocale.addListener(follow);
        stage.setOnHidden(e -> {
            appLocale.removeListener(follow);
            model.close();
        });
        return stage;
    }

    /**
     * Opens the Lessons window; closing it stops every process its lessons started. FX thread.
     *
     * <p>It is a window of its own, not owned by {@code opener}: owned windows stay above their owner, and a class
     * switches between the lesson and the main window. The app's main window closes it when the app quits.
     *
     * @param opener the window it was opened from, whose screen it opens on; or {@code null} for the primary one
     * @param locale the app's language (Chinese for any Chinese locale, else English); switchable in the window
     * @return the shown stage
     */
    public static Stage show(Window opener, Locale locale) {
        LessonsViewModel model = new LessonsViewModel(locale);
        LessonsView view = new LessonsView(model);
        Stage stage = new Stage();
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> new LessonsBundle(model.localeProperty().get()).text("lessons.window.title"),
                model.localeProperty()));
        stage.setScene(new Scene(view));
        RememberedWindow.forUser("lessons.window", PLACEMENT).place(stage, opener);
        stage.setOnHidden(e -> model.close());
        stage.show();
        return stage;
    }
}
