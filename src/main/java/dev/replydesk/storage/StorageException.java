package dev.replydesk.storage;

/** The store failed: disk full, locked, unreachable. Callers stop acknowledging work when they see it. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
