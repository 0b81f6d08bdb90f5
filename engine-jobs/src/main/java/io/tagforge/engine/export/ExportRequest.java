package io.tagforge.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What to export; also the export job's parameters, so that the UI can create the job and a rerun of the same
 * request continues the same job.
 *
 * @param out   the training file; its folder is the export's own and holds nothing else
 * @param split a held-out part, or null for one file
 */
public record ExportRequest(String dataset, String release, ExportFormat format, Path out, ExportPolicy policy,
                            boolean includeUnreviewed, Split split, ImagePaths paths) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ExportRequest {
        out = out.toAbsolutePath().normalize();
    }

    /** With image paths relative to the dataset's image root. */
    public ExportRequest(String dataset, String release, ExportFormat format, Path out, ExportPolicy policy,
                         boolean includeUnreviewed, Split split) {
        this(dataset, release, format, out, policy, includeUnreviewed, split, ImagePaths.RELATIVE);
    }

    public JsonNode toParams() {
        ObjectNode params = JSON.createObjectNode()
                .put("dataset", dataset)
                .put("release", release)
                .put("format", format.code())
                .put("out", out.toString())
                .put("policy", policy.name())
                .put("includeUnreviewed", includeUnreviewed)
                .put("paths", paths.name());
        if (split != null) {
            params.put("split", split.toString());
        }
        return params;
    }

    public static ExportRequest fromParams(JsonNode params) {
        String format = params.path("format").asText();
        return new ExportRequest(params.path("dataset").asText(), params.path("release").asText(),
                format.equals(ExportFormat.JSONL.code()) ? ExportFormat.JSONL : ExportFormat.RAM_JSON,
                Path.of(params.path("out").asText()), ExportPolicy.valueOf(params.path("policy").asText()),
                params.path("includeUnreviewed").asBoolean(),
                params.hasNonNull("split") ? Split.parse(params.get("split").asText()) : null,
                ImagePaths.valueOf(params.path("paths").asText(ImagePaths.RELATIVE.name())));
    }

    /** The policy as stored in {@code export.policy} and the manifest. */
    JsonNode policyJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("policy", policy.name())
                .put("includeUnreviewed", includeUnreviewed)
                .put("paths", paths.name());
        if (split != null) {
            node.put("split", split.toString());
        }
        return node;
    }
}
