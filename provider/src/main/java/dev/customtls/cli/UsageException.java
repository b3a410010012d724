package dev.customtls.cli;

/** A command line the program does not understand; reported in one line with exit code 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
