package io.garrison.ui.theme;

import java.util.Locale;
import java.util.Optional;

/** The app's colours as chosen in View → Theme: the system's choice, or light or dark whatever it is. */
public enum Theme {
    SYSTEM, LIGHT, DARK;

    /** The message key of its name in the menu. */
    public String messageKey() {
        return "ui.theme." + name().toLowerCase(Locale.ROOT);
    }

    /** Its name in the settings. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme a setting names; empty for none or one this version does not know. */
    public static Optional<Theme> ofSetting(String name) {
        for (Theme theme : values()) {
            if (theme.settingName().equals(name)) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }

    /** Whether it is drawn dark, given whether the system prefers dark. */
    public boolean isDark(boolean systemPrefersDark) {
        return this == DARK || this == SYSTEM && systemPrefersDark;
    }
}
