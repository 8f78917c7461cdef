package dev.labels.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's picocli model, written out by hand: every option and parameter is bound to its field by a getter
 * and a setter lambda, where picocli would read annotations by reflection, which is dear at start-up (figures in
 * docs/performance.md, Start-up). Parsing, help, completion and man pages all work from this model as they would
 * from the annotated one.
 *
 * <p>An option is declared once, in the class that holds its field, as one statement that reads like the
 * annotation it replaces: {@code model.option("--platform").label("OS/ARCH[/VARIANT]").description(...)} is
 * {@code @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = ...)}, and the getter and
 * setter at its end name the field. Options that several commands take live in one small group class each
 * ({@link PlatformOption}, {@link LabelSelection}, {@link TagFilter}, {@link OutputOptions}, {@link RegistryAccess},
 * {@link CacheOptions}, ...), the hand-written {@code @Mixin}.
 */
public final class CommandModel {
    private final CommandSpec spec;

    private CommandModel(CommandSpec spec) {
        this.spec = spec;
    }

    /** A command run by {@code command} (a {@link java.util.concurrent.Callable}, or nothing for a group). */
    public static CommandModel of(String name, Object command) {
        return new CommandModel(CommandSpec.wrapWithoutInspection(command).name(name));
    }

    CommandModel description(String... lines) {
        spec.usageMessage().description(lines);
        return this;
    }

    /** A footer under {@code heading}, a picocli format string such as {@code "%nExamples:%n"}. */
    CommandModel footer(String heading, String... lines) {
        spec.usageMessage().footerHeading(heading).footer(lines);
        return this;
    }

    /** Help lists the options in the order they are declared here, not alphabetically. */
    CommandModel inDeclaredOrder() {
        spec.usageMessage().sortOptions(false);
        return this;
    }

    public CommandModel hidden() {
        spec.usageMessage().hidden(true);
        return this;
    }

    CommandModel version(CommandLine.IVersionProvider provider) {
        spec.versionProvider(provider);
        return this;
    }

    CommandModel subcommand(String name, CommandSpec subcommand) {
        spec.addSubcommand(name, subcommand);
        return this;
    }

    /** An option; finish it with {@link Arg#flag}, {@link Arg#value} or {@link Arg#list}. */
    Arg option(String... names) {
        return new Arg(names, null);
    }

    /** A positional parameter at {@code index} (a picocli range such as {@code "0"} or {@code "0..*"}). */
    Arg parameter(String index) {
        return new Arg(null, index);
    }

    public CommandSpec spec() {
        return spec;
    }

    /** The attributes of one option or parameter, added to the command by the call that binds it to a field. */
    final class Arg {
        private final String[] names;
        private final String index;
        private String label;
        private String[] description = {};
        private String arity;
        private String defaultValue;
        private boolean hidden;
        private boolean usageHelp;
        private boolean versionHelp;
        private List<String> candidates;

        private Arg(String[] names, String index) {
            this.names = names;
            this.index = index;
        }

        Arg label(String label) {
            this.label = label;
            return this;
        }

        Arg description(String... lines) {
            this.description = lines;
            return this;
        }

        Arg arity(String arity) {
            this.arity = arity;
            return this;
        }

        /** The value when the option is not given; help shows it where a description says ${DEFAULT-VALUE}. */
        Arg defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        /**
         * The values that completion offers, where they are fewer than the type's (an enum shared by commands that
         * take different parts of it).
         */
        Arg candidates(String... values) {
            this.candidates = List.of(values);
            return this;
        }

        /** Marks {@code --help}: when given, picocli prints the usage instead of running the command. */
        Arg usageHelp() {
            this.usageHelp = true;
            return this;
        }

        /** Marks {@code --version}: when given, picocli prints the version instead of running the command. */
        Arg versionHelp() {
            this.versionHelp = true;
            return this;
        }

        /** Left out of help, completion and man pages, as {@code @Option(hidden = true)}: an old spelling kept. */
        public Arg hidden() {
            this.hidden = true;
            return this;
        }

        /**
         * An option without a value: true when given. Its arity is left to picocli, as with an annotated boolean:
         * an explicit arity of 0 would refuse {@code --flag=true} and {@code --flag=false}.
         */
        CommandModel flag(Supplier<Boolean> get, Consumer<Boolean> set) {
            return add(boolean.class, null, null, new Binding(get, set));
        }

        <T> CommandModel value(Class<T> type, Supplier<T> get, Consumer<T> set) {
            return add(type, null, null, new Binding(get, set));
        }

        /** A value that {@code converter} makes from the argument, rather than picocli's own conversion. */
        <T> CommandModel value(Class<T> type, CommandLine.ITypeConverter<? extends T> converter, Supplier<T> get,
                               Consumer<T> set) {
            return add(type, null, converter, new Binding(get, set));
        }

        /** A repeatable option, or a parameter taking several values, collected into a list of {@code element}. */
        <T> CommandModel list(Class<T> element, Supplier<List<T>> get, Consumer<List<T>> set) {
            return add(List.class, element, null, new Binding(get, set));
        }

        /** As {@link #list(Class, Supplier, Consumer)}, each value made by {@code converter}. */
        <T> CommandModel list(Class<T> element, CommandLine.ITypeConverter<? extends T> converter,
                              Supplier<List<T>> get, Consumer<List<T>> set) {
            return add(List.class, element, converter, new Binding(get, set));
        }

        private CommandModel add(Class<?> type, Class<?> element, CommandLine.ITypeConverter<?> converter,
                                 Binding binding) {
            Class<?>[] auxiliary = element == null ? new Class<?>[] {type} : new Class<?>[] {element};
            CommandLine.ITypeConverter<?>[] converters = converter == null ? new CommandLine.ITypeConverter<?>[0]
                    : new CommandLine.ITypeConverter<?>[] {converter};
            if (names != null) {
                OptionSpec.Builder option = OptionSpec.builder(names).description(description).type(type)
                        .auxiliaryTypes(auxiliary).converters(converters).getter(binding).setter(binding)
                        .initialValue(binding.initial()).defaultValue(defaultValue)
                        .usageHelp(usageHelp).versionHelp(versionHelp).hidden(hidden);
                if (label != null) {
                    option.paramLabel(label);
                }
                if (arity != null) {
                    option.arity(arity);
                }
                if (candidates != null) {
                    option.completionCandidates(candidates);
                }
                spec.addOption(option.build());
            } else {
                PositionalParamSpec.Builder parameter = PositionalParamSpec.builder().index(index)
                        .description(description).type(type).auxiliaryTypes(auxiliary).converters(converters)
                        .getter(binding).setter(binding).initialValue(binding.initial()).defaultValue(defaultValue);
                if (label != null) {
                    parameter.paramLabel(label);
                }
                // As with @Parameters: a single value is required unless an arity says otherwise; a list takes
                // what its arity says, and picocli's default without one.
                String values = arity != null ? arity : element == null ? "1" : null;
                if (values != null) {
                    parameter.arity(values).required(CommandLine.Range.valueOf(values).min() > 0);
                }
                spec.addPositional(parameter.build());
            }
            return CommandModel.this;
        }
    }

    /**
     * Reads and writes a field through two lambdas, where picocli would use reflection. Its methods are generic,
     * so they cannot be lambdas themselves.
     */
    private static final class Binding implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {
        private final Supplier<?> get;
        private final Consumer<Object> set;

        /** The lambdas' types match the option's type, which picocli converts every value to before setting it. */
        @SuppressWarnings("unchecked")
        Binding(Supplier<?> get, Consumer<?> set) {
            this.get = get;
            this.set = (Consumer<Object>) set;
        }

        /** The field's value before parsing: picocli puts it back before each parse, as with annotations. */
        Object initial() {
            return get.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) get.get();
        }

        @Override
        public <T> T set(T value) {
            T previous = get();
            set.accept(value);
            return previous;
        }
    }
}
