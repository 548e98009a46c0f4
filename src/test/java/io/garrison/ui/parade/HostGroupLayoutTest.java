package io.garrison.ui.parade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostGroupLayoutTest {

    @Test
    void oneHostIsOneGridWithoutALabelBand() {
        HostGroupLayout.Placement placement = HostGroupLayout.of(List.of(5), 600, 200, 100, 100, 1.6, 20, 14);

        assertThat(placement.labelHeight()).isZero();
        assertThat(placement.groups()).singleElement().extracting(HostGroupLayout.Group::columns).isEqualTo(5);
        assertThat(placement.scale()).isEqualTo(1.2);
        assertThat(placement.cell(0, 0)[1]).as("centred in the height").isEqualTo(40);
    }

    @Test
    void twoHostsStandApartUnderTheirLabelsWithoutOverlapping() {
        HostGroupLayout.Placement placement = HostGroupLayout.of(List.of(4, 3), 700, 400, 100, 120, 1.6, 20, 14);

        assertThat(placement.labelHeight()).isEqualTo(20);
        HostGroupLayout.Group first = placement.groups().get(0);
        HostGroupLayout.Group second = placement.groups().get(1);
        boolean apart = first.x() + first.width() <= second.x() || first.y() + 20 + 120 * placement.scale() <= second.y();
        assertThat(apart).isTrue();
        double[] lastOfFirst = placement.cell(0, 3);
        assertThat(lastOfFirst[0] + placement.cellWidth()).isLessThanOrEqualTo(700.001);
        assertThat(placement.cell(1, 2)[1] + placement.cellHeight()).isLessThanOrEqualTo(400.001);
    }
}
