package io.tagforge.spark.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.model.ImageFiles;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.model.TestModels;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExecutorModelsTest {

    /** engine-jobs' tiny test models (src/test/models/make_tiny_models.py), beside this module */
    static final Path MODELS = Path.of("../src/test/resources/models").toAbsolutePath().normalize();

    @Test
    void aModelIsLoadedOncePerFolderDeviceAndBatchSize() {
        Tagger tagger = ExecutorModels.tagger(MODELS.resolve("tagger"), ModelDevice.CPU, 4);
        assertThat(ExecutorModels.tagger(Path.of("../src/test/resources/models/../models/tagger"), ModelDevice.CPU, 4))
                .isSameAs(tagger);
        assertThat(ExecutorModels.tagger(MODELS.resolve("tagger"), ModelDevice.CPU, 8)).isNotSameAs(tagger);
        assertThat(ExecutorModels.captioner(MODELS.resolve("captioner"), ModelDevice.CPU, 4).spec().name())
                .isEqualTo("tiny-colour-captioner");
        assertThat(ExecutorModels.embedder(MODELS.resolve("embedder"), ModelDevice.CPU, 4).dimension()).isPositive();
        assertThat(ExecutorModels.detector(MODELS.resolve("detector"), ModelDevice.CPU, 4).spec().folder())
                .isEqualTo(MODELS.resolve("detector"));
    }

    @Test
    void aFailedLoadIsNotKeptAndAModelOfAnotherTaskIsRefused() {
        assertThatThrownBy(() -> ExecutorModels.tagger(MODELS.resolve("captioner"), ModelDevice.CPU, 4))
                .isInstanceOf(TagforgeException.class).hasMessageContaining("field task is captioner, expected tagger");
        assertThatThrownBy(() -> ExecutorModels.tagger(MODELS.resolve("captioner"), ModelDevice.CPU, 4))
                .isInstanceOf(TagforgeException.class).hasMessageContaining("field task is captioner, expected tagger");
    }

    @Test
    void tasksSharingAModelGetTheAnswersOfOneThreadRunningIt() throws Exception {
        Tagger tagger = ExecutorModels.tagger(MODELS.resolve("tagger"), ModelDevice.CPU, 2);
        List<BufferedImage> images = new ArrayList<>();
        for (Path file : TestModels.cocoImages(6)) {
            images.add(ImageFiles.read(file));
        }
        List<float[]> alone = tagger.predict(images);
        ExecutorService tasks = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> shared = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                shared.add(tasks.submit(() -> tagger.predict(images)));
            }
            for (Future<List<float[]>> answer : shared) {
                List<float[]> got = answer.get();
                for (int i = 0; i < images.size(); i++) {
                    assertThat(got.get(i)).containsExactly(alone.get(i));
                }
            }
        } finally {
            tasks.shutdownNow();
        }
        assertThat(alone).hasSize(6).allSatisfy(p -> assertThat(p).hasSize(6));
    }
}
