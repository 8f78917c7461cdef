package dev.labels.bench;

/**
 * How the fake Docker Hub is reached, one result table each, and the targets that table is held to.
 */
enum Transport {
    /**
     * As users meet every registry: HTTPS under host names that are not loopback, each with its own certificate
     * from a throwaway CA that both tools are told to trust with their {@code --cert-dir}. Held to the targets
     * of "speed as users meet it".
     */
    TLS("tls", "HTTPS under host names that are not loopback",
            new Targets("speed as users meet it, over HTTPS", 1.3, 1.0, 0.035, 0.25, 5.0)),
    /**
     * Plain HTTP on 127.0.0.1, where labels takes its loopback-only shortcut (plain HTTP first) and skopeo, with
     * {@code --tls-verify=false}, tries HTTPS first and falls back. Held to the earlier targets, so that it
     * shows plain HTTP did not get slower.
     */
    PLAIN("plain", "plain HTTP on loopback (127.0.0.1)",
            new Targets("plain HTTP as fast as before", 1.5, 1.0, 0.05, 0.35, Double.NaN));

    /**
     * The ratios of labels' median to skopeo's a table must stay under.
     *
     * @param goal              what they hold the table to
     * @param cpuPerImageMillis labels' CPU (user+sys) per image in the many-tags batch; NaN for none
     */
    record Targets(String goal, double oneCold, double oneWarm, double coldVsLoop, double coldVsXargs,
                   double cpuPerImageMillis) {
    }

    private final String setting;
    private final String title;
    private final Targets targets;

    Transport(String setting, String title, Targets targets) {
        this.setting = setting;
        this.title = title;
        this.targets = targets;
    }

    /** The name in {@code --transport=}. */
    String setting() {
        return setting;
    }

    String title() {
        return title;
    }

    Targets targets() {
        return targets;
    }
}
