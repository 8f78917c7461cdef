package dev.labels;

/** The tool's version, sent as User-Agent. Kept in sync with the pom by the build (see version.properties). */
public final class Version {
    public static final String VALUE = load();

    private Version() {
    }

    private static String load() {
        try (var in = Version.class.getResourceAsStream("/dev/labels/version.properties")) {
            if (in == null) {
                return "dev";
            }
            var props = new java.util.Properties();
            props.load(in);
            return props.getProperty("version", "dev");
        } catch (java.io.IOException e) {
            return "dev";
        }
    }
}
