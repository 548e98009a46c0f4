package io.garrison.ui;

/** Settings of the JavaFX renderer, which it reads once as the toolkit starts: set them before the launch. */
final class RenderingSettings {

    static final String REGION_CACHING_OFF = "prism.disableRegionCaching";

    private RenderingSettings() {
    }

    /**
     * Regions draw their rounded backgrounds and borders as shapes, not from bitmaps cached per region. Without a
     * GPU (software rendering, as on a machine without one and in the headless benchmark) drawing those bitmaps
     * again for every card, column and soldier in each repainted area was most of the render thread's time: the
     * 64-soldier stress demo took 9-12 ms of rendering a frame with them and 5.5-6 ms without, and its costliest
     * frame 45-75 ms against about 30. A value given on the command line is kept.
     */
    static void apply() {
        if (System.getProperty(REGION_CACHING_OFF) == null) {
            System.setProperty(REGION_CACHING_OFF, "true");
        }
    }
}
