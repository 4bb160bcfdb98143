package shoptwin.store.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import shoptwin.config.MongoSettings;
import shoptwin.config.MongoTls;

/**
 * The one way ShopTwin opens MongoDB, so that every use fails the same way: within seconds when the
 * server is away (health and the connection monitor can then say so), never after the driver's
 * default 30 s of server selection. A console opens one client and shares it between its mirror, its
 * backup store and the connection monitor; each use takes its own view of the copy's database from it
 * ({@link #forMirror}, {@link #forBackupStore}), which is where a use's write concern or read
 * preference belongs, not in a client of its own.
 */
public final class MongoConnections {
    /** How long an operation waits for a server to talk to, and a new connection for its handshake. */
    static final int CONNECT_SECONDS = 3;
    /** How long an answer may take on an open connection (a bulk write of a batch, a search over the copy). */
    static final int READ_SECONDS = 30;

    private MongoConnections() {
    }

    public static MongoClientSettings settings(MongoSettings settings) {
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.uri()))
                .applicationName("ShopTwin")
                .applyToClusterSettings(c -> c.serverSelectionTimeout(CONNECT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(c -> c.connectTimeout(CONNECT_SECONDS, TimeUnit.SECONDS).readTimeout(READ_SECONDS, TimeUnit.SECONDS));
        // tlsCAFile=... in the URI: the Java driver ignores it, ShopTwin applies it
        return MongoTls.apply(b, settings.uri()).build();
    }

    /** A client with ShopTwin's timeouts; the caller closes it. */
    public static MongoClient open(MongoSettings settings) {
        return MongoClients.create(settings(settings));
    }

    /**
     * The copy as its writers and checkers use it: the mirror (its guarded writes and the versions it reads
     * back), resync, verify and restore. Whatever the URI says ({@code w=1}, {@code w=0}, {@code journal=false},
     * {@code readPreference=secondary}): writes are acknowledged only once a majority of the replica set has them
     * in its journal ({@code w: majority, j: true}), so that a failover cannot roll back a batch whose change-log
     * rows were already deleted; and reads (the versions the guard compares, verify's documents) come from the
     * primary with read concern majority, never from a lagging secondary. A standalone server (and
     * mongo-java-server) accepts both.
     */
    public static MongoDatabase forMirror(MongoClient client, String database) {
        return client.getDatabase(database)
                .withWriteConcern(MIRROR_WRITES)
                .withReadPreference(ReadPreference.primary())
                .withReadConcern(ReadConcern.MAJORITY);
    }

    /** The mirror's write concern: a majority of the replica set, in its journal. */
    public static final WriteConcern MIRROR_WRITES = WriteConcern.MAJORITY.withJournal(true);

    /**
     * The outage journal ({@code store.journal.Journal}) in the copy's database: every change made on the
     * backup is one document acknowledged by a majority of the replica set in its journal, whatever the URI
     * says, so that a failover of MongoDB itself cannot take a shop's sale back (a standalone server
     * acknowledges it alone). Read from the primary.
     */
    public static MongoDatabase forJournal(MongoClient client, String database) {
        return client.getDatabase(database).withWriteConcern(MIRROR_WRITES)
                .withReadPreference(com.mongodb.ReadPreference.primary());
    }

    /** The copy as the console's backup store reads it: the URI's read preference (it may read a secondary). */
    public static MongoDatabase forBackupStore(MongoClient client, String database) {
        return client.getDatabase(database);
    }
}
