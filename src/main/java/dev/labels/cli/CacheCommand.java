package dev.labels.cli;

import dev.labels.cache.DiskCache;
import dev.labels.cache.Usage;
import dev.labels.output.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels cache info|clear}. */
final class CacheCommand extends StandardOptions {
    private final LabelsCommand parent;

    CacheCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("cache", this)
                .description("Show or clear the on-disk cache of manifests, configs and tag digests.");
        declareStandardOptions(model);
        return model
                .subcommand("info", new Info().model("info", "Print the cache folder, its entries and size as JSON."))
                .subcommand("clear", new Clear().model("clear", "Delete every cache entry."))
                .spec();
    }

    /** {@code info} and {@code clear}: the cache folder their options name, and nothing else to declare. */
    private abstract class CacheSubcommand extends StandardOptions implements Callable<Integer> {
        final CacheOptions options = new CacheOptions();

        CommandSpec model(String name, String description) {
            CommandModel model = CommandModel.of(name, this).description(description);
            declareStandardOptions(model);
            options.declareFolder(model);
            return model.spec();
        }

        /**
         * The cache the options name. Its warnings are for runs that read and write it: {@code info} only counts
         * what is there; {@code clear} is told why it leaves a folder it may not use (see DiskCache).
         */
        DiskCache disk() {
            return new DiskCache(parent.cacheFolder(options), message -> { });
        }
    }

    private final class Info extends CacheSubcommand {
        @Override
        public Integer call() throws Exception {
            DiskCache disk = disk();
            Usage usage = disk.usage();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("path", disk.root().toString());
            info.put("entries", usage.entries());
            info.put("bytes", usage.bytes());
            parent.out().print(new JsonWriter(false).write(info));
            return ExitCodes.OK;
        }
    }

    private final class Clear extends CacheSubcommand {
        @Override
        public Integer call() throws Exception {
            DiskCache disk = new DiskCache(parent.cacheFolder(options), parent::warn);
            Usage removed = disk.clear();
            parent.err().println("labels: removed " + removed.entries() + " entries (" + removed.bytes()
                    + " bytes) from " + disk.root());
            return ExitCodes.OK;
        }
    }
}
