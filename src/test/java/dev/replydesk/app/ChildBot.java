package dev.replydesk.app;

import dev.replydesk.config.ConfigLoader;
import dev.replydesk.config.ReplydeskConfig;
import dev.replydesk.outbox.Outbox;
import dev.replydesk.telegram.PollLease;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code run} for a test's child process: the bot exactly as {@link RunCommand.Bot#start} starts
 * it, except that the outbox's rate limits are lifted (the fake Bot API server has none, and a
 * burst of 10,000 cards at 20 a minute would take hours) and its instance id is stable, as a
 * restarted instance needs it to take back at once the row it was sending when it died; the
 * polling lease of a killed instance runs out after 6 s rather than 30.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.replydesk.app.ChildBot CONFIG_FILE INSTANCE_ID}.
 * Prints {@code READY} when polling has started; SIGTERM stops it cleanly, SIGKILL does not.
 */
public final class ChildBot {
    private ChildBot() {
    }

    public static void main(String[] args) throws Exception {
        ReplydeskConfig config = ConfigLoader.load(Path.of(args[0]), System.getenv());
        Outbox.Settings settings = Outbox.Settings.defaults()
                .withRates(10_000, 1_000_000, 10_000, 100)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withPollInterval(Duration.ofMillis(200))
                .withInstanceId(args.length > 1 ? args[1] : null);
        // a killed instance's polling lease runs out after 6 s instead of 30, to keep the test short
        RunCommand.Bot bot = RunCommand.Bot.start(config, Clock.systemUTC(), settings,
                new PollLease.Settings(Duration.ofSeconds(6), Duration.ofSeconds(2)));
        Runtime.getRuntime().addShutdownHook(new Thread(bot::close, "child-bot-stop"));
        System.out.println("READY");
        System.out.flush();
    }
}
