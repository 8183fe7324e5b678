package dev.replydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the knowledge-base index is kept between starts: beside an H2 file store, nowhere else. */
class IndexCachePlaceTest {
    private static ReplydeskConfig config(String url) throws Exception {
        return ConfigLoader.parse("""
                telegram:
                  token: "123456789:AAFakeTokenForReplydeskTests_0123456789"
                communities:
                  - chat-id: -1001
                    name: Brand chat
                moderators:
                  chat-id: -1002
                  users: [1]
                storage:
                  url: "%s"
                """.formatted(url), "replydesk.yml", Map.of());
    }

    @Test
    void theCacheSitsBesideAnH2FileStore() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(here.resolve("data/replydesk.kb-index"),
                Features.indexCache(config("jdbc:h2:file:./data/replydesk;MODE=PostgreSQL")));
        assertEquals(here.resolve("data/replydesk.kb-index"), Features.indexCache(config("jdbc:h2:./data/replydesk")));
        assertEquals(Path.of("/srv/bot/store.kb-index"), Features.indexCache(config("jdbc:h2:file:/srv/bot/store")));
    }

    @Test
    void otherStoresHaveNoCache() throws Exception {
        assertNull(Features.indexCache(config("jdbc:h2:mem:test")));
        assertNull(Features.indexCache(config("jdbc:h2:tcp://db/replydesk")));
        assertNull(Features.indexCache(config("jdbc:postgresql://db/replydesk")));
    }
}
