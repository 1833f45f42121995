package rwsweep.driver;

import rwsweep.driver.cli.BestCommand;
import rwsweep.driver.cli.CheckCommand;
import rwsweep.driver.cli.CompareCommand;
import rwsweep.driver.cli.PlanCommand;
import rwsweep.driver.cli.ReplayCommand;
import rwsweep.driver.cli.RunCommand;
import rwsweep.driver.cli.StopSignal;
import rwsweep.driver.cli.SummarizeCommand;
import rwsweep.driver.cli.Version;
import rwsweep.driver.sweep.SweepKey;
import rwsweep.driver.sweep.UserError;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code rwsweep} command line: {@code run}, {@code plan}, {@code replay}. Also the main class
 * under spark-submit, where spark-submit's master is kept unless --master says otherwise. Exit
 * codes: 0 success; 2 a user's mistake (a {@link UserError}, printed as its one line without a
 * stack trace) or a usage error; 1 a run with FAILED trials, a replay that did not reproduce, or
 * a bug (with its stack trace); 130 or 143 a run stopped by SIGINT or SIGTERM ({@link StopSignal}).
 */
@Command(name = "rwsweep", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hyperparameter sweeps for very deep feed-forward nets (Sussillo and Abbott 2014) on Apache Spark.",
        footer = {"", "Sweep-file keys, their allowed values and defaults: rwsweep plan --keys"})
public final class Main implements Callable<Integer> {
    /** The subcommands, in the order --help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(PlanCommand.class, RunCommand.class, SummarizeCommand.class,
            CheckCommand.class, BestCommand.class, CompareCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        StopSignal.enable();
        int code = execute(out, err, args);
        StopSignal.awaitExit();
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code (tests call this in-process). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        // Only the command named is built: picocli reads every option of every command it is
        // given (old class files, verified at each start), a third of a second of a fresh JVM.
        // Anything else (--help, help, a typo) gets them all, for the usage and the suggestions.
        Class<?> named = args.length == 0 ? null : COMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        for (Class<?> command : named != null && named != CommandLine.HelpCommand.class ? List.of(named) : COMMANDS) {
            cli.addSubcommand(command);
        }
        // the sweep file's axes and their defaults, from the one table of keys (plan --keys has the rest)
        for (String command : new String[] {"plan", "run"}) {
            CommandLine sub = cli.getSubcommands().get(command);
            if (sub != null) sub.getCommandSpec().usageMessage().footer(footer());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            // a run stopped by SIGINT/SIGTERM fails as Spark stops under it: its one line says why
            if (StopSignal.stopping()) return StopSignal.exitCode();
            if (!(e instanceof UserError)) throw e;
            // one line, whatever a reader's message held
            command.getErr().println(e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            command.getErr().flush();
            return UserError.EXIT_CODE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String[] footer() {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(""));
        lines.addAll(SweepKey.axesHelp());
        return lines.toArray(String[]::new);
    }

    /** {@code rwsweep} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return UserError.EXIT_CODE;
    }
}
