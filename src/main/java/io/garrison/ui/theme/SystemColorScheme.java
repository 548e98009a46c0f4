package io.garrison.ui.theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the system's desktop prefers dark colours. JavaFX 21 cannot tell (its {@code Platform.Preferences} came
 * in JavaFX 22), so the system is asked as its own tools answer:
 * <ul>
 *   <li>Linux: the XDG desktop portal's {@code org.freedesktop.appearance color-scheme} (GNOME, KDE and others,
 *       through {@code gdbus}), else GNOME's {@code color-scheme} setting ({@code gsettings}), else a
 *       {@code GTK_THEME} that names a dark variant;</li>
 *   <li>macOS: {@code defaults read -g AppleInterfaceStyle};</li>
 *   <li>Windows: the {@code AppsUseLightTheme} value in the registry.</li>
 * </ul>
 * Each asks a program, so call it off the FX thread, once at start. A question without an answer means light.
 */
public final class SystemColorScheme {

    private static final long ANSWER_SECONDS = 2;

    private SystemColorScheme() {
    }

    public static boolean prefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return answer("defaults", "read", "-g", "AppleInterfaceStyle").strip().equalsIgnoreCase("dark");
        }
        if (os.contains("win")) {
            return answer("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme").matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0\\b.*");
        }
        String portal = answer("gdbus", "call", "--session", "--timeout", "1",
                "--dest", "org.freedesktop.portal.Desktop", "--object-path", "/org/freedesktop/portal/desktop",
                "--method", "org.freedesktop.portal.Settings.Read", "org.freedesktop.appearance", "color-scheme");
        if (!portal.isBlank()) {
            return portalSaysDark(portal);
        }
        String gnome = answer("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
        if (!gnome.isBlank()) {
            return gnome.contains("prefer-dark");
        }
        return gtkThemeIsDark(System.getenv("GTK_THEME"));
    }

    /** The portal answers {@code (<<uint32 1>>,)}: 1 prefers dark, 2 light, 0 has no preference. */
    static boolean portalSaysDark(String answer) {
        return answer.replaceAll("\\s", "").contains("uint321>");
    }

    /** {@code Adwaita:dark}, {@code Yaru-dark} and the like. */
    static boolean gtkThemeIsDark(String theme) {
        return theme != null && theme.toLowerCase(Locale.ROOT).matches(".*[:-]dark\\b.*");
    }

    /** What {@code command} prints when it succeeds in time; empty otherwise (no such program, no answer). */
    private static String answer(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
