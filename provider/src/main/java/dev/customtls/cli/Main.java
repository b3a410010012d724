package dev.customtls.cli;

import dev.customtls.core.text.Printable;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the provider jar: {@code java -jar customtls-provider.jar <command> [options]}.
 * Exit codes: 0 success, 1 the command failed, 2 the command line was not understood.
 */
public final class Main {

    /** Exit code of a failed command. */
    public static final int EXIT_FAILURE = 1;

    /** Exit code of a command line that was not understood. */
    public static final int EXIT_USAGE = 2;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    private Main() {
        for (Command c : List.of(new DemoCommand(), new ServeCommand(), new ConnectCommand())) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        int code = run(args, Terminal.system());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line without exiting the JVM; returns the exit code. */
    static int run(String[] args, Terminal terminal) {
        return new Main().execute(List.of(args), terminal);
    }

    private int execute(List<String> args, Terminal terminal) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            terminal.out().print(usage());
            terminal.out().flush();
            return 0;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            terminal.err().println("customtls: unknown command '" + Printable.of(args.get(0)) + "' (try 'help')");
            return EXIT_USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            terminal.out().print(usage(command));
            terminal.out().flush();
            return 0;
        }
        try {
            return command.run(command.options().parse(rest), terminal);
        } catch (UsageException e) {
            terminal.err().println("customtls " + command.name() + ": " + Printable.of(e.getMessage()) + " (try 'help')");
            return EXIT_USAGE;
        } catch (CommandException e) {
            terminal.err().println("customtls " + command.name() + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminal.err().println("customtls " + command.name() + ": interrupted");
            return EXIT_FAILURE;
        } finally {
            terminal.out().flush();
        }
    }

    /** The full usage text. */
    String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar customtls-provider.jar <command> [options]\n\ncommands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        }
        sb.append("  help     this text\n");
        for (Command c : commands.values()) {
            sb.append('\n').append(usage(c));
        }
        sb.append("\nexit codes: 0 ok, 1 failed, 2 bad command line\n");
        return sb.toString();
    }

    private static String usage(Command c) {
        String synopsis = String.join(" ", Arrays.asList("  " + c.name(), "[options]", c.arguments())).stripTrailing();
        return synopsis + "\n" + c.options().usage();
    }
}
