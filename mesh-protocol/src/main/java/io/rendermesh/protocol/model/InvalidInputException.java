package io.rendermesh.protocol.model;

/** Input from a user or a peer that cannot be accepted; the message is shown to the user as is. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
