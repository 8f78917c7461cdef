package dev.labels.cli;

import dev.labels.cache.DiskCache;
import dev.labels.cache.Usage;
import dev.labels.labels.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code labels cache info|clear}. */
@Command(name = "cache",
        description = "Show or clear the on-disk cache of manifests, configs and tag digests.",
        subcommands = {CacheCommand.Info.class, CacheCommand.Clear.class})
final class CacheCommand extends StandardOptions {

    @ParentCommand
    LabelsCommand parent;

    /** The cache the options name. Its warnings are for runs that read and write it, not for these commands. */
    DiskCache disk(CacheOptions options) {
        return new DiskCache(parent.cacheFolder(options), message -> { });
    }

    @Command(name = "info",
            description = "Print the cache folder, its entries and size as JSON.")
    static final class Info extends StandardOptions implements Callable<Integer> {
        @ParentCommand
        CacheCommand cache;

        @Mixin
        CacheOptions options;

        @Override
        public Integer call() throws Exception {
            DiskCache disk = cache.disk(options);
            Usage usage = disk.usage();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("path", disk.root().toString());
            info.put("entries", usage.entries());
            info.put("bytes", usage.bytes());
            cache.parent.out().print(new JsonWriter(false).write(info));
            return ExitCodes.OK;
        }
    }

    @Command(name = "clear", description = "Delete every cache entry.")
    static final class Clear extends StandardOptions implements Callable<Integer> {
        @ParentCommand
        CacheCommand cache;

        @Mixin
        CacheOptions options;

        @Override
        public Integer call() throws Exception {
            DiskCache disk = cache.disk(options);
            Usage removed = disk.clear();
            cache.parent.err().println("labels: removed " + removed.entries() + " entries (" + removed.bytes()
                    + " bytes) from " + disk.root());
            return ExitCodes.OK;
        }
    }
}
