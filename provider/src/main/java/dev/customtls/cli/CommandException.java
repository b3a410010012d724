package dev.customtls.cli;

/** A command that could not do its job for a reason worth one clear line (exit code 1). */
final class CommandException extends Exception {

    CommandException(String message) {
        super(message);
    }

    CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
