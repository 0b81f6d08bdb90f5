package io.tagforge.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Reading ahead, decoding on a pool and writing behind keep order and pass failures on. */
class PipelineTest {

    @Test
    void batchesArriveInOrderWithTheirImagesPreparedAndFailuresPerImage() throws Exception {
        Iterator<List<Integer>> batches = List.of(List.of(1, 2, 3), List.of(4, 5), List.of(6)).iterator();
        List<String> seen = new ArrayList<>();
        try (ImageDecoding decoding = new ImageDecoding("test-decode");
             ReadAhead<ImageDecoding.Pending<Integer, String>> reader = new ReadAhead<>("test-read", 1,
                     () -> batches.hasNext() ? decoding.submit(batches.next(), i -> {
                         if (i == 5) {
                             throw new IOException("image 5 is truncated");
                         }
                         return "image " + i;
                     }) : null)) {
            ImageDecoding.Pending<Integer, String> batch;
            while ((batch = reader.take()) != null) {
                for (ImageDecoding.Outcome<Integer, String> outcome : batch.await()) {
                    seen.add(outcome.row() + ":" + (outcome.error() == null ? outcome.value() : outcome.error().getMessage()));
                }
            }
        }
        assertThat(seen).containsExactly("1:image 1", "2:image 2", "3:image 3", "4:image 4",
                "5:image 5 is truncated", "6:image 6");
    }

    @Test
    void aFailingSourceFailsTheTake() {
        try (ReadAhead<String> reader = new ReadAhead<>("test-read", 2, () -> {
            throw new IllegalStateException("database gone");
        })) {
            assertThatThrownBy(reader::take).isInstanceOf(IllegalStateException.class).hasMessage("database gone");
        }
    }

    @Test
    void writesRunInOrderOneAtATimeAndAFailureSurfacesAtTheNextSubmit() throws Exception {
        List<Integer> written = new CopyOnWriteArrayList<>();
        try (BackgroundWriter writer = new BackgroundWriter("test-write")) {
            for (int i = 0; i < 5; i++) {
                int n = i;
                writer.submit(() -> written.add(n));
            }
            writer.finish();
            assertThat(written).containsExactly(0, 1, 2, 3, 4);
            writer.submit(() -> {
                throw new IOException("disk full");
            });
            assertThatThrownBy(() -> writer.submit(() -> written.add(99))).isInstanceOf(IOException.class)
                    .hasMessage("disk full");
            assertThat(written).doesNotContain(99);
        }
    }
}
