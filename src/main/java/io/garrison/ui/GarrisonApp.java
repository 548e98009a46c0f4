package io.garrison.ui;

import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop app. A plain window until the parade ground lands. */
public final class GarrisonApp extends Application {

    public static void launchDesktop(String[] args) {
        Application.launch(GarrisonApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        ResourceBundle messages = ResourceBundle.getBundle("i18n.messages");
        stage.setTitle(messages.getString("app.title"));
        stage.setScene(new Scene(new StackPane(new Label(messages.getString("app.title"))), 960, 640));
        stage.show();
    }
}
