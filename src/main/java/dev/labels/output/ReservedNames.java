package dev.labels.output;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The variable names {@code -o env} never writes, because setting them from a label would hand the image's
 * author the shell that evaluates the output, or the programs it runs next: {@code PS4} is expanded (command
 * substitutions included) by {@code bash -x}, {@code BASH_ENV} and {@code ENV} name scripts a shell sources,
 * {@code LD_PRELOAD} loads a library into every program, {@code GIT_SSH_COMMAND} is run by git, a proxy or CA
 * variable sends the job's credentials elsewhere, and {@code PATH} or {@code IFS} silently change what every
 * later line does. A name is reserved when it is listed, or starts with a listed prefix (written {@code X*}).
 */
final class ReservedNames {
    /**
     * Why each group is here: what the shell (POSIX sh, bash, dash, ksh, zsh) reads or keeps; what the dynamic
     * loader and libc read (glibc's list of variables it ignores for setuid programs, LD_ and DYLD_); what
     * language runtimes read at start-up to load code; what common tools run or trust (git, ssh, editors,
     * pagers, proxies, CA bundles, container and cloud clients, package indexes); what CI runners keep their
     * tokens and step files in; and the names that most environments set and scripts rely on.
     */
    static final List<String> RESERVED = List.of(
            // The shell: start-up files, prompts (PS0-PS4 and zsh's PROMPT*), parsing, search paths, options,
            // read-only and dynamic variables (an assignment fails or is lost), history and completion.
            "PATH", "IFS", "ENV", "BASH*", "CDPATH", "FPATH", "HOME", "PWD", "OLDPWD", "SHELL", "SHELLOPTS",
            "POSIXLY_CORRECT", "PS0", "PS1", "PS2", "PS3", "PS4", "PROMPT*", "RPROMPT*", "RPS1", "RPS2",
            "GLOBIGNORE", "GLOBSORT", "FIGNORE", "EXECIGNORE", "OPTIND", "OPTARG", "OPTERR", "MAIL", "MAILPATH",
            "MAILCHECK", "HOSTFILE", "INPUTRC", "TMOUT", "TIMEFORMAT", "FUNCNEST", "COMPREPLY", "COMP_*", "READLINE_*",
            "HIST*", "UID", "EUID", "PPID", "GROUPS", "RANDOM", "SRANDOM", "SECONDS", "LINENO", "EPOCHSECONDS",
            "EPOCHREALTIME", "DIRSTACK", "FUNCNAME", "PIPESTATUS", "REPLY", "HOSTNAME", "HOSTTYPE", "MACHTYPE",
            "OSTYPE", "SHLVL", "COLUMNS", "LINES", "_", "ZDOTDIR", "ZSH_*", "STTY", "NULLCMD", "READNULLCMD",
            "KEYTIMEOUT", "WORDCHARS", "PSVAR", "KSH_*",
            // The user, the terminal and the locale.
            "USER", "LOGNAME", "TERM", "TERMINFO", "TERMCAP", "LANG", "LANGUAGE", "LC_*", "TZ", "TZDIR", "TMPDIR",
            // The dynamic loader and libc.
            "LD_*", "DYLD_*", "GCONV_PATH", "GETCONF_DIR", "GLIBC_TUNABLES", "HOSTALIASES", "LOCALDOMAIN", "LOCPATH",
            "MALLOC_*", "NIS_PATH", "NLSPATH", "RESOLV_HOST_CONF", "RES_OPTIONS",
            // Runtimes that load code named by a variable.
            "NODE_*", "NPM_CONFIG_*", "PYTHON*", "PERL*", "RUBY*", "GEM_*", "BUNDLE_*", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_HOME", "CLASSPATH", "MAVEN_OPTS", "MAVEN_ARGS",
            "GRADLE_OPTS", "DOTNET_*", "CORECLR_*", "LUA_*", "PHPRC", "PHP_INI_SCAN_DIR", "GOFLAGS", "GOPROXY",
            "GONOSUMDB", "GONOSUMCHECK", "GOPRIVATE", "GOINSECURE", "GOSUMDB", "GOTOOLCHAIN", "GOENV", "GOPATH",
            "GOROOT", "PIP_*", "CARGO_*", "RUSTC*",
            // Tools that run a command or trust a file a variable names.
            "GIT_*", "SSH_*", "EDITOR", "VISUAL", "PAGER", "MANPAGER", "MANPATH", "LESS*", "BROWSER", "SUDO_ASKPASS",
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "CURL_CA_BUNDLE", "CURL_HOME", "REQUESTS_CA_BUNDLE", "WGETRC", "NETRC", "DOCKER_*", "REGISTRY_AUTH_FILE",
            "CONTAINERS_*", "KUBECONFIG", "AWS_*", "GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_*", "AZURE_*",
            "XDG_*", "GNUPGHOME", "MAKEFLAGS", "MFLAGS", "MAKEFILES", "TF_*", "HELM_*",
            // Clients that send the job's token to the address a variable names (as the proxy variables would).
            "VAULT_*", "CONSUL_*", "NOMAD_*", "GH_*", "SONAR_*",
            // CI runners: the job's tokens, its API addresses and the files that set the next steps' environment.
            "CI", "CI_*", "GITHUB_*", "RUNNER_*", "ACTIONS_*", "GITLAB_*", "JENKINS_*", "CIRCLE_*", "BUILDKITE_*",
            "DRONE_*", "BITBUCKET_*", "TEAMCITY_*", "TRAVIS_*", "SYSTEM_ACCESSTOKEN");

    private static final Set<String> EXACT = RESERVED.stream().filter(name -> !name.endsWith("*"))
            .collect(Collectors.toUnmodifiableSet());
    private static final List<String> PREFIXES = RESERVED.stream().filter(name -> name.endsWith("*"))
            .map(name -> name.substring(0, name.length() - 1)).toList();

    private ReservedNames() {
    }

    /**
     * Whether {@code name} is reserved, in any case: zsh ties {@code path} to {@code PATH}, and a prefix of
     * lower-case letters could spell such a name.
     */
    static boolean contains(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return EXACT.contains(upper) || PREFIXES.stream().anyMatch(upper::startsWith);
    }
}
