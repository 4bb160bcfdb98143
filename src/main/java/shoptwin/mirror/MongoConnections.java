package shoptwin.mirror;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;
import shoptwin.config.MongoSettings;

/** A MongoDB client tuned for the mirror: fail fast when the server is away, so health can say so. */
public final class MongoConnections {
    private MongoConnections() {
    }

    public static MongoClient open(MongoSettings settings) {
        MongoClientSettings.Builder clientSettings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.uri()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(3, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
                .applicationName("ShopTwin mirror");
        // tlsCAFile=... in the URI: the Java driver ignores it, ShopTwin applies it
        return MongoClients.create(shoptwin.config.MongoTls.apply(clientSettings, settings.uri()).build());
    }
}
