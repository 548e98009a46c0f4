package io.garrison.ui.lessons;

import io.garrison.ui.i18n.I18n;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Lessons panel in a window of its own: the one call the main window's menu needs. */
public final class LessonsWindow {

    private LessonsWindow() {
    }

    /**
     * Opens the Lessons window in the app's language ({@link I18n}), following it when it changes. FX thread.
     *
     * @return the shown stage
     */
    public static Stage show(Window owner) {
        return show(owner, I18n.localeProperty());
    }

    /**
     * Opens the Lessons window and keeps it in the app's language when that changes; the window's own switch
     * still works in between. FX thread.
     *
     * @param appLocale the app's language, observed
     * @return the shown stage
     */
    public static Stage show(Window owner, ObservableValue<Locale> appLocale) {
        Stage stage = show(owner, appLocale.getValue());
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
     * @param owner the window it belongs to, or {@code null}
     * @param locale the app's language (Chinese for any Chinese locale, else English); switchable in the window
     * @return the shown stage
     */
    public static Stage show(Window owner, Locale locale) {
        LessonsViewModel model = new LessonsViewModel(locale);
        LessonsView view = new LessonsView(model);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> new LessonsBundle(model.localeProperty().get()).text("lessons.window.title"),
                model.localeProperty()));
        stage.setScene(new Scene(view, 1280, 900));
        stage.setOnHidden(e -> model.close());
        stage.show();
        return stage;
    }
}
