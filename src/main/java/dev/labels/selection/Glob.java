package dev.labels.selection;

import java.util.regex.Pattern;

/**
 * A shell-style pattern over a whole string: {@code *} matches any run of characters (including none),
 * {@code ?} exactly one; everything else matches itself. {@code 1.*} matches {@code 1.2} and {@code 1.2.3}.
 */
public final class Glob {
    private final String pattern;
    private final Pattern regex;

    public Glob(String pattern) {
        this.pattern = pattern;
        this.regex = compile(pattern);
    }

    public boolean matches(String text) {
        return regex.matcher(text).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
