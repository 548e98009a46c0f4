package io.garrison.ui.parade;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.ui.i18n.I18n;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The frame in which a whole pool sets off at once (a run starting) is the parade's busiest: it must not make
 * nodes or carry effects that software rendering blurs per card.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParadeGroundSkinTest {

    private static final int SOLDIERS = ParadeGroundSkin.MAX_FLIGHTS + 8;

    private ParadeGround ground;
    private List<Soldier> soldiers;

    @Start
    void start(Stage stage) {
        ground = new ParadeGround();
        soldiers = IntStream.range(0, SOLDIERS).mapToObj(i -> new Soldier(1000 + i, 0)).toList();
        ground.getSoldiers().setAll(soldiers);
        ground.setQueueCards(javafx.collections.FXCollections.observableArrayList("1", "2", "3"));
        stage.setScene(new Scene(ground, 1200, 600));
        stage.show();
    }

    @Test
    void givenAShownParadeWhenEverySoldierSetsOffAtOnceThenNoNodeIsMadeAndNoCardIsBlurred(FxRobot robot)
            throws Exception {
        // given
        int nodesBefore = fx(() -> count(ground));

        // when: every soldier goes to the queue in the same frame, as when a run starts
        ParadeGroundSkin skin = (ParadeGroundSkin) ground.getSkin();
        int flying = fx(() -> {
            soldiers.forEach(soldier -> {
                soldier.setCard(Long.toString(soldier.getPid()));
                soldier.setState(SoldierState.FETCHING);
            });
            return skin.flightCount();
        });

        // then: as many cards as may fly took off, none of them new, none with an effect
        assertThat(flying).isEqualTo(ParadeGroundSkin.MAX_FLIGHTS);
        assertThat(fx(() -> count(ground))).isEqualTo(nodesBefore);
        for (Label card : fx(skin::flyingCards)) {
            assertThat(card.getEffect()).as("effect of the card %s", card.getText()).isNull();
        }
    }

    @Test
    void givenShownSoldiersWhenTheLanguageChangesThenTheirWordsFollowItWithoutBeingRemade(FxRobot robot)
            throws Exception {
        // given: the parade follows the app's language (English)
        Locale before = fx(I18n::getLocale);
        robot.interact(() -> I18n.setLocale(Locale.ENGLISH));
        try {
            Label state = stateOf(soldiers.get(0));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "idle".equals(state.getText()));

            // when: the app switches; then: the same label says it in Chinese at the next frame
            robot.interact(() -> I18n.setLocale(Locale.SIMPLIFIED_CHINESE));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "待命".equals(state.getText()));

            // when: the parade gets a language of its own; then: it no longer follows the app
            robot.interact(() -> ground.setLanguage(Locale.ENGLISH));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "idle".equals(state.getText()));
            assertThat(fx(() -> stateOf(soldiers.get(0)))).isSameAs(state);
        } finally {
            robot.interact(() -> I18n.setLocale(before));
        }
    }

    private Label stateOf(Soldier soldier) throws Exception {
        return fx(() -> ground.lookupAll(".soldier").stream()
                .filter(node -> ((SoldierNode) node).soldier() == soldier)
                .map(node -> (Label) node.lookup(".soldier-state")).findFirst().orElseThrow());
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    private static int count(Node node) {
        int nodes = 1;
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                nodes += count(child);
            }
        }
        return nodes;
    }
}
