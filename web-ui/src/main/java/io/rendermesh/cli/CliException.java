package io.rendermesh.cli;

/** A failure the command line reports as one line on stderr with a non-zero exit code. */
final class CliException extends RuntimeException {
    final int exitCode;

    CliException(String message) {
        this(message, 1);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }
}
