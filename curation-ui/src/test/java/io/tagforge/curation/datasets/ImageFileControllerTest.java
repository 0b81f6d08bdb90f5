package io.tagforge.curation.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class ImageFileControllerTest extends SpringUiTest {

    @Autowired
    MockMvc mvc;

    // per request: the Vaadin-aware security context holder forgets a test-wide @WithMockUser after one request
    static final RequestPostProcessor ANNOTATOR = user("anna").roles("ANNOTATOR");

    CocoMiniFixture coco;
    String registered;

    @BeforeEach
    void load() {
        coco = CocoMiniFixture.load();
        registered = coco.jdbc().sql("SELECT path FROM image WHERE dataset_id = ? ORDER BY id LIMIT 1")
                .param(coco.datasetId).query(String.class).single();
    }

    @Test
    void servesARegisteredImageOfTheDataset() throws Exception {
        byte[] expected = Files.readAllBytes(coco.root.resolve(registered));
        mvc.perform(get("/dataset-images/" + coco.datasetId).param("path", registered).with(ANNOTATOR))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg"))
                .andExpect(content().bytes(expected));
    }

    @Test
    void refusesAnonymousUsers() throws Exception {
        MvcResult result = mvc.perform(get("/dataset-images/" + coco.datasetId).param("path", registered).with(anonymous())).andReturn();
        assertThat(result.getResponse().getStatus()).isIn(302, 401, 403);
        assertThat(result.getResponse().getContentAsByteArray()).hasSizeLessThan(1000);
    }

    @Test
    void refusesPathTraversalHoweverItIsWritten() throws Exception {
        String[] hostile = {
                "../../etc/passwd", "train2017/../../../../etc/passwd", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e/%2e%2e/etc/passwd", "..\\..\\etc\\passwd", "train2017/%252e%252e/%252e%252e/etc/passwd",
                "....//....//etc/passwd", "train2017/../annotations/instances_train2017.json", "",
        };
        for (String path : hostile) {
            MvcResult result = mvc.perform(get("/dataset-images/" + coco.datasetId).param("path", path).with(ANNOTATOR)).andReturn();
            assertThat(result.getResponse().getStatus()).as(path).isIn(400, 404);
            assertThat(result.getResponse().getContentAsString()).as(path).doesNotContain("root:");
        }
        // the same strings raw in the URL: the firewall or the lookup refuses them
        for (String raw : new String[] {"/dataset-images/" + coco.datasetId + "?path=..%2F..%2Fetc%2Fpasswd",
                "/dataset-images/" + coco.datasetId + "?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/dataset-images/../../etc/passwd", "/dataset-images/%2e%2e/%2e%2e/etc/passwd"}) {
            MvcResult result = mvc.perform(get(java.net.URI.create(raw)).with(ANNOTATOR)).andReturn();
            assertThat(result.getResponse().getStatus()).as(raw).isIn(400, 404);
            assertThat(result.getResponse().getContentAsString()).as(raw).doesNotContain("root:");
        }
    }

    @Test
    void refusesARegisteredSymbolicLinkLeadingOutOfTheRoot(@TempDir Path root) throws Exception {
        Files.createSymbolicLink(root.resolve("escape.jpg"), Path.of("/etc/passwd"));
        Files.copy(coco.root.resolve(registered), root.resolve("inside.jpg"));
        int dataset = coco.jdbc().sql("INSERT INTO dataset (name, image_root, format) VALUES ('links', ?, 'tsv') RETURNING id")
                .param(root.toString()).query(Integer.class).single();
        for (String path : new String[] {"escape.jpg", "inside.jpg"}) {
            coco.jdbc().sql("INSERT INTO image (dataset_id, path) VALUES (?, ?)").params(dataset, path).update();
        }
        mvc.perform(get("/dataset-images/" + dataset).param("path", "inside.jpg").with(ANNOTATOR)).andExpect(status().isOk());
        mvc.perform(get("/dataset-images/" + dataset).param("path", "escape.jpg").with(ANNOTATOR)).andExpect(status().isNotFound());
        mvc.perform(get("/dataset-images/" + dataset).param("path", registered).with(ANNOTATOR)).andExpect(status().isNotFound());
    }
}
