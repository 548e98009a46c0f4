package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationWarmUpTest {

    /** A library update that renames these classes makes the warm-up quietly useless: regenerate the list then. */
    @Test
    void everyListedClassIsOnTheClassPath() {
        List<String> names = NotificationWarmUp.listedClasses();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, NotificationWarmUp.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }

        assertThat(names).hasSizeGreaterThan(50).contains("impl.org.controlsfx.skin.NotificationBar");
        assertThat(missing).isEmpty();
    }
}
