package shoptwin.app;

import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import java.time.Duration;
import org.bson.Document;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Secrets;
import shoptwin.config.SupabaseUrl;
import shoptwin.store.StoreException;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;

/**
 * The settings dialog's "Test connection": tries settings as typed, without saving them, and says
 * what happened in one masked sentence. Blocks for a few seconds at most; call it off the FX thread.
 */
public final class ConnectionCheck {
    private ConnectionCheck() {
    }

    /** What a check found: whether it worked and a sentence for the user, free of secrets. */
    public record Result(boolean ok, String message) {
    }

    /** @param password used when the URL carries none (blank: the URL's own, if any) */
    public static Result supabase(String url, String password) {
        try {
            SupabaseUrl.Parsed parsed = SupabaseUrl.parse(url);
            PostgresSettings s = parsed.settings();
            if (password != null && !password.isEmpty()) {
                s = new PostgresSettings(s.jdbcUrl(), s.user(), password, s.properties());
            }
            try (Database db = new Database(s, 2)) {
                Duration took = db.ping();
                String version = db.schemaVersion();
                String schema = version == null ? "ShopTwin's tables are not set up yet: they are created on first start."
                        : "schema version " + version + ".";
                return new Result(true, "Connected to " + db.describe() + " in " + took.toMillis() + " ms; " + schema);
            }
        } catch (StoreException | shoptwin.domain.ValidationException e) {
            return new Result(false, mask(e.getMessage(), url, password));
        } catch (RuntimeException e) {
            return new Result(false, mask("Could not connect: " + e.getMessage(), url, password));
        }
    }

    public static Result mongo(String uri, String database) {
        MongoSettings settings;
        try {
            settings = new MongoSettings(uri, database);
        } catch (RuntimeException e) {
            return new Result(false, "Enter the MongoDB URI, e.g. mongodb+srv://user:password@cluster0.example.mongodb.net.");
        }
        try (MongoClient client = MongoConnections.open(settings)) {
            long start = System.nanoTime();
            client.getDatabase(settings.database()).runCommand(new Document("ping", 1));
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return new Result(true, "Connected to MongoDB in " + ms + " ms; the copy goes to database '"
                    + settings.database() + "'.");
        } catch (MongoTimeoutException e) {
            return new Result(false, "No answer from MongoDB at " + Secrets.mask(uri) + " within a few seconds: "
                    + "check the address and that this computer may connect (network access list).");
        } catch (MongoException | IllegalArgumentException e) {
            return new Result(false, mask("MongoDB refused: " + e.getMessage(), uri, null));
        }
    }

    private static String mask(String message, String url, String password) {
        return Secrets.mask(String.valueOf(message), java.util.Arrays.asList(password, Secrets.passwordIn(url)));
    }
}
