package dev.replydesk.config;

/**
 * {@code storage:} the JDBC database (H2 file or PostgreSQL).
 *
 * @param url      {@code storage.url}: a {@code jdbc:} URL, required
 * @param user     {@code storage.user}: empty when not set
 * @param password {@code storage.password}: empty when not set; never printed
 */
public record Storage(String url, String user, String password) {
    public Storage {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("storage.url is required");
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("storage.url must start with jdbc:");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "Storage[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
