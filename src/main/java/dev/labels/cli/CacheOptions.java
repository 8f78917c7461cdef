package dev.labels.cli;

import dev.labels.cache.DiskCache;
import dev.labels.cache.ImageCache;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** Where the on-disk cache lives, or that there is none. */
final class CacheOptions {

    Path cacheDir;
    boolean noCache;

    void declare(CommandModel model) {
        declareFolder(model);
        model.option("--no-cache").description("Neither read nor write the cache.")
                .flag(() -> noCache, value -> noCache = value);
    }

    /** --cache-dir alone: for the commands that work on the cache itself, where --no-cache means nothing. */
    void declareFolder(CommandModel model) {
        model.option("--cache-dir").label("DIR")
                .description("Cache folder (default: $XDG_CACHE_HOME/labels, else ~/.cache/labels).")
                .value(Path.class, () -> cacheDir, value -> cacheDir = value);
    }

    ImageCache open(Map<String, String> env, String userHome, Consumer<String> warn) {
        return noCache ? ImageCache.NONE : new DiskCache(folder(env, userHome), warn);
    }

    Path folder(Map<String, String> env, String userHome) {
        if (cacheDir != null) {
            return cacheDir;
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("labels");
    }
}
