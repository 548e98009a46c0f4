package io.garrison.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackedStringsTest {

    @Test
    void everyStringComesBackAsItWentInAcrossGrowth() {
        PackedStrings.Builder builder = new PackedStrings.Builder();
        String[] samples = {"", "https://example.com/a?b=c", "下载 页面", "emoji \uD83D\uDE00", "x".repeat(10_000)};
        for (int i = 0; i < 5000; i++) {
            builder.add(samples[i % samples.length] + i);
        }

        PackedStrings packed = builder.build();

        for (int i = 0; i < 5000; i++) {
            assertThat(packed.get(i)).isEqualTo(samples[i % samples.length] + i);
        }
    }
}
