package shoptwin.ui.status;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.failover.ConnectionStatus;

/**
 * The Supabase and MongoDB cards: whether each database answers, its round trip or how long it has
 * been down, and its last error in full for the tooltip. Fed the monitor's snapshots on the FX thread.
 */
public final class DatabasesViewModel {
    private final Clock clock;
    private ConnectionStatus connection;

    // ---- Properties
    private final ReadOnlyObjectWrapper<StatusLevel> supabaseLevel = new ReadOnlyObjectWrapper<>(StatusLevel.UNKNOWN);
    private final ReadOnlyStringWrapper supabaseText = new ReadOnlyStringWrapper("Checking…");
    private final ReadOnlyObjectWrapper<StatusLevel> mongoLevel = new ReadOnlyObjectWrapper<>(StatusLevel.UNKNOWN);
    private final ReadOnlyStringWrapper mongoText = new ReadOnlyStringWrapper("Checking…");
    private final ReadOnlyStringWrapper supabaseError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mongoError = new ReadOnlyStringWrapper("");

    public DatabasesViewModel(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** A new connection snapshot from the monitor (FX thread). */
    public void show(ConnectionStatus status) {
        this.connection = status;
        render(clock.instant());
    }

    /** Re-words what depends on the time ("down for 12 s"). */
    public void tick() {
        render(clock.instant());
    }

    private void render(Instant now) {
        ConnectionStatus c = connection;
        if (c == null) {
            return;
        }
        supabaseLevel.set(StatusFormat.databaseLevel(c.supabase()));
        supabaseText.set(StatusFormat.database(c.supabase(), now));
        mongoLevel.set(StatusFormat.databaseLevel(c.mongo()));
        mongoText.set(StatusFormat.database(c.mongo(), now));
        supabaseError.set(StatusFormat.fullError(c.supabase()));
        mongoError.set(StatusFormat.fullError(c.mongo()));
    }

    public ReadOnlyObjectProperty<StatusLevel> supabaseLevelProperty() {
        return supabaseLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty supabaseTextProperty() {
        return supabaseText.getReadOnlyProperty();
    }

    /** Supabase's last error in full (masked), for the card's tooltip. */
    public ReadOnlyStringProperty supabaseErrorProperty() {
        return supabaseError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLevel> mongoLevelProperty() {
        return mongoLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mongoTextProperty() {
        return mongoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mongoErrorProperty() {
        return mongoError.getReadOnlyProperty();
    }
}
