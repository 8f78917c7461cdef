package dev.labels.image;

import java.util.List;
import java.util.Map;

/**
 * The {@code config} object of an image config: the defaults a container starts with.
 * JSON names are Docker's capitalised Go field names, which OCI kept.
 *
 * <p>All collections are non-null and unmodifiable: absent or {@code null} in JSON becomes
 * empty. Consequently "not set" and "set to empty" (e.g. {@code "Cmd": null} vs {@code []})
 * are not distinguished. A label whose value is JSON {@code null} reads as {@code ""} so
 * printing and filtering never meet a null; absent strings ({@code User}...) stay null.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md#properties">config.md: config</a>
 */
public record ContainerConfig(
        Map<String, String> labels,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        String user,
        String workingDir,
        Map<String, Object> exposedPorts) {

    /** A config with nothing set, for images whose config object is absent. */
    public static final ContainerConfig EMPTY = new ContainerConfig(null, null, null, null, null, null, null);

    public ContainerConfig {
        labels = Copies.strings(labels);
        env = Copies.list(env);
        entrypoint = Copies.list(entrypoint);
        cmd = Copies.list(cmd);
        exposedPorts = Copies.map(exposedPorts);
    }
}
