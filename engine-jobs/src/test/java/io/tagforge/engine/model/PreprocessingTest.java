package io.tagforge.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Resampling and resize geometry against PyTorch's antialiased interpolate and Hugging Face's processors. */
class PreprocessingTest {

    /** (i * 7 mod 11) / 10 over a 5 × 7 image. */
    private static float[] pattern() {
        float[] x = new float[35];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) / 10f;
        }
        return x;
    }

    @Test
    void shrinksAndEnlargesAsPyTorchInterpolateWithAntialias() {
        // torch.nn.functional.interpolate(x, size, mode, antialias=True, align_corners=False), PyTorch 1.13
        assertThat(Resampler.resize(pattern(), 1, 7, 5, 4, 3, Resampler.Filter.BILINEAR)).containsExactly(new float[] {
                0.326531f, 0.564f, 0.469143f, 0.530612f, 0.569312f, 0.485778f, 0.512444f, 0.462434f, 0.498639f,
                0.406857f, 0.557143f, 0.395918f}, within(2e-6f));
        assertThat(Resampler.resize(pattern(), 1, 7, 5, 4, 3, Resampler.Filter.BICUBIC)).containsExactly(new float[] {
                0.309921f, 0.592759f, 0.457119f, 0.52913f, 0.564414f, 0.482501f, 0.517663f, 0.451812f, 0.499866f,
                0.395128f, 0.58401f, 0.379098f}, within(2e-6f));
        float[] bicubicUp = Resampler.resize(pattern(), 1, 7, 5, 9, 8, Resampler.Filter.BICUBIC);
        assertThat(bicubicUp).hasSize(72);
        assertThat(new float[] {bicubicUp[0], bicubicUp[4], bicubicUp[23], bicubicUp[71]}).containsExactly(
                new float[] {-0.072861f, 1.043173f, 0.017273f, 0.772861f}, within(2e-6f));
        float[] bilinearUp = Resampler.resize(pattern(), 1, 7, 5, 9, 8, Resampler.Filter.BILINEAR);
        assertThat(new float[] {bilinearUp[1], bilinearUp[9], bilinearUp[70]}).containsExactly(
                new float[] {0.466667f, 0.21875f, 0.233333f}, within(2e-6f));
    }

    @Test
    void shorterSideSizesAreHuggingFacesWithTheLongerSideCapped() {
        // Grounding-DINO: shortest_edge 800, longest_edge 1333
        assertThat(Preprocessing.shorterSide(640, 480, 800, 1333)).containsExactly(1066, 800);
        assertThat(Preprocessing.shorterSide(480, 640, 800, 1333)).containsExactly(800, 1066);
        assertThat(Preprocessing.shorterSide(1000, 200, 800, 1333)).containsExactly(1333, 267);
        assertThat(Preprocessing.shorterSide(800, 600, 600, 1333)).containsExactly(800, 600);
        // CLIP: shortest_edge 224, no cap
        assertThat(Preprocessing.shorterSide(640, 427, 224, Integer.MAX_VALUE)).containsExactly(335, 224);
    }
}
