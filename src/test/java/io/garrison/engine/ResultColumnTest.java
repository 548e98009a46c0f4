package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultColumnTest {

    @Test
    void intsStayIntsUntilAnotherKindOfValueArrivesThenBothAreKept() {
        ResultColumn column = new ResultColumn(6);
        column.setInt(0, 7);
        column.set(1, 8);
        column.set(2, null);
        column.set(3, "text");
        column.setInt(4, -1);
        column.set(5, 2.5);

        assertThat(column.get(0)).isEqualTo(7);
        assertThat(column.get(1)).isEqualTo(8);
        assertThat(column.get(2)).isNull();
        assertThat(column.get(3)).isEqualTo("text");
        assertThat(column.get(4)).isEqualTo(-1);
        assertThat(column.get(5)).isEqualTo(2.5);
    }

    @Test
    void copyingAMixedBatchOverIntsAndAnIntBatchOverObjectsKeepsEverySlotRight() {
        ResultColumn target = new ResultColumn(8);
        ResultColumn ints = new ResultColumn(4);
        for (int i = 0; i < 4; i++) {
            ints.setInt(i, 10 + i);
        }
        ResultColumn mixed = new ResultColumn(4);
        mixed.set(0, "a");
        mixed.setInt(1, 21);
        mixed.set(2, null);
        mixed.set(3, 23L);

        target.set(0, "first");
        target.copy(ints, 0, 0, 4);
        target.copy(mixed, 0, 4, 4);
        target.copy(ints, 1, 1, 2);

        assertThat(target.get(0)).isEqualTo(10);
        assertThat(target.get(1)).isEqualTo(11);
        assertThat(target.get(3)).isEqualTo(13);
        assertThat(target.get(4)).isEqualTo("a");
        assertThat(target.get(5)).isEqualTo(21);
        assertThat(target.get(6)).isNull();
        assertThat(target.get(7)).isEqualTo(23L);
    }
}
