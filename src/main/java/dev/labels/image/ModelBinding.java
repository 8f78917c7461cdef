package dev.labels.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.json.JsonFields;
import dev.labels.json.JsonShapeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds JSON trees to the model's records, field by field. Fields the model does not know are ignored (the
 * specs are open-ended: OCI allows extra fields, registries and build tools add their own); a known field of
 * the wrong type is an error. By hand rather than by reflection, for start-up: see {@link dev.labels.json.Json}.
 */
final class ModelBinding {

    private ModelBinding() {
    }

    static ImageIndex index(JsonNode root, String mediaType) throws JsonShapeException {
        return new ImageIndex(mediaType, descriptors(root, "manifests"), JsonFields.textMap(root, "annotations"));
    }

    static ImageManifest manifest(JsonNode root, String mediaType) throws JsonShapeException {
        JsonNode config = JsonFields.object(root, "config");
        return new ImageManifest(mediaType, config == null ? null : descriptor(config), descriptors(root, "layers"),
                JsonFields.textMap(root, "annotations"), JsonFields.text(root, "artifactType"));
    }

    static ImageConfig imageConfig(JsonNode root) throws JsonShapeException {
        JsonNode config = JsonFields.object(root, "config");
        return new ImageConfig(JsonFields.text(root, "created"), JsonFields.text(root, "os"),
                JsonFields.text(root, "architecture"), JsonFields.text(root, "variant"),
                config == null ? null : containerConfig(config));
    }

    private static ContainerConfig containerConfig(JsonNode config) throws JsonShapeException {
        return new ContainerConfig(JsonFields.textMap(config, "Labels"), JsonFields.texts(config, "Env"),
                JsonFields.texts(config, "Entrypoint"), JsonFields.texts(config, "Cmd"),
                JsonFields.text(config, "User"), JsonFields.text(config, "WorkingDir"),
                JsonFields.plainMap(config, "ExposedPorts"));
    }

    private static List<Descriptor> descriptors(JsonNode root, String field) throws JsonShapeException {
        List<JsonNode> items = JsonFields.objects(root, field);
        if (items == null) {
            return null;
        }
        List<Descriptor> descriptors = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            descriptors.add(item == null ? null : descriptor(item));
        }
        return descriptors;
    }

    private static Descriptor descriptor(JsonNode node) throws JsonShapeException {
        JsonNode platform = JsonFields.object(node, "platform");
        return new Descriptor(JsonFields.text(node, "mediaType"), JsonFields.text(node, "digest"),
                JsonFields.wholeNumber(node, "size"),
                platform == null ? null : new Platform(JsonFields.text(platform, "os"),
                        JsonFields.text(platform, "architecture"), JsonFields.text(platform, "variant")),
                JsonFields.textMap(node, "annotations"));
    }
}
