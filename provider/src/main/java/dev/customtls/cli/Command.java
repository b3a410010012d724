package dev.customtls.cli;

/** One sub-command of the command line ({@code demo}, {@code serve}, {@code connect}). */
interface Command {

    /** The word that selects the command. */
    String name();

    /** The arguments after the options in usage, e.g. {@code HOST:PORT}; empty when none. */
    String arguments();

    /** One line for the command list. */
    String summary();

    /** The options the command accepts. */
    OptionTable options();

    /**
     * Runs the command.
     *
     * @return the exit code (0 on success)
     * @throws UsageException   when the arguments make no sense (exit code 2)
     * @throws CommandException when the command failed for a reason worth one line (exit code 1)
     */
    int run(ParsedArgs args, Terminal terminal) throws UsageException, CommandException, InterruptedException;
}
