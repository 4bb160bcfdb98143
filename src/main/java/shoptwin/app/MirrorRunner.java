package shoptwin.app;

import java.time.Instant;
import java.util.Optional;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/**
 * The mirror on its own daemon thread.
 *
 * <p>TODO(mirror): start shoptwin.mirror.MirrorService here once branch {@code mirror} is on main;
 * until then there is no mirror and {@link #start} returns null.
 */
public final class MirrorRunner implements AutoCloseable {
    private MirrorRunner() {
    }

    static MirrorRunner start(Database database, MongoSettings mongo) {
        return null;
    }

    public Optional<Instant> lastSuccessAt() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
