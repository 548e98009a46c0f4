package io.garrison.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the system's answers about dark colours are read, and what each theme choice draws. */
class SystemColorSchemeTest {

    @Test
    void thePortalsOneMeansDarkItsTwoAndZeroDoNot() {
        assertThat(SystemColorScheme.portalSaysDark("(<<uint32 1>>,)\n")).isTrue();
        assertThat(SystemColorScheme.portalSaysDark("(<<uint32 2>>,)\n")).isFalse();
        assertThat(SystemColorScheme.portalSaysDark("(<<uint32 0>>,)\n")).isFalse();
    }

    @Test
    void aGtkThemeNamedDarkIsDark() {
        assertThat(SystemColorScheme.gtkThemeIsDark("Adwaita:dark")).isTrue();
        assertThat(SystemColorScheme.gtkThemeIsDark("Yaru-dark")).isTrue();
        assertThat(SystemColorScheme.gtkThemeIsDark("Adwaita")).isFalse();
        assertThat(SystemColorScheme.gtkThemeIsDark("Darkling")).isFalse();
        assertThat(SystemColorScheme.gtkThemeIsDark(null)).isFalse();
    }

    @Test
    void theSystemChoiceFollowsTheSystemAndTheOthersDoNot() {
        assertThat(Theme.SYSTEM.isDark(true)).isTrue();
        assertThat(Theme.SYSTEM.isDark(false)).isFalse();
        assertThat(Theme.DARK.isDark(false)).isTrue();
        assertThat(Theme.LIGHT.isDark(true)).isFalse();
        assertThat(Theme.ofSetting("dark")).contains(Theme.DARK);
        assertThat(Theme.ofSetting("sepia")).isEmpty();
    }
}
