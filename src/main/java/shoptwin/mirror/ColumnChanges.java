package shoptwin.mirror;

import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.mirror.MirrorHealth.CopyUpdate;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.MongoErrors;
import shoptwin.store.postgres.Database;

/**
 * Brings the copy's documents of a table up to date after its columns changed in Supabase (a column added
 * with a default fires no trigger; a column dropped, renamed or retyped leaves every document as it was).
 * The leader tells it whenever it has read the columns ({@link #columnsLoaded}: when it starts to lead, and
 * whenever the columns' fingerprint read with a batch moved); on its own thread it compares each table's
 * columns with the ones the copy's documents were made from ({@link CopySchema}) and resyncs the tables that
 * differ, one at a time, with {@link Resync} (which records the columns when a table is done). Its progress
 * is part of the mirror's health. A failure is logged and tried again later; losing the lead cancels it
 * (the next leader finds the same difference). A copy with no record yet: empty, the columns are recorded
 * before the leader's first write ({@link #recordColumnsOfAnEmptyCopy}); with documents (made by an older
 * ShopTwin), the table is resynced once.
 */
final class ColumnChanges implements AutoCloseable {
    // the mirror's [DB Sync] lines come from one logger, whichever part of it writes them
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final Database database;
    private final MongoDatabase copy;
    private final UnaryOperator<String> mask;
    private ExecutorService thread;
    /** A follow task is submitted and has not decided to end (under this object's lock). */
    private boolean active;
    private boolean stopped;
    private boolean recheck;
    private Resync running;
    private volatile CopyUpdate current;

    ColumnChanges(Database database, MongoDatabase copy, UnaryOperator<String> mask) {
        this.database = database;
        this.copy = copy;
        this.mask = mask;
    }

    /** The table being brought up to date, and how far (empty when none is). */
    Optional<CopyUpdate> current() {
        return Optional.ofNullable(current);
    }

    /**
     * On the mirror's thread, before a new leader's first write: for each table the copy has no record of yet
     * and no document of, records the columns (nothing in the copy was made from other ones). A table with
     * documents but no record was copied by an older ShopTwin: {@link #columnsLoaded} updates it.
     */
    void recordColumnsOfAnEmptyCopy(DocumentMapper mapper) {
        for (MirrorTable table : MirrorTable.IN_DEPENDENCY_ORDER) {
            if (CopySchema.read(copy, table).isEmpty() && CopySchema.isEmpty(copy, table)) {
                CopySchema.record(copy, table, mapper.signature(table));
            }
        }
    }

    /** The leader read the shop tables' columns: compare them with the copy's, in the background. Never blocks. */
    synchronized void columnsLoaded() {
        stopped = false;
        recheck = true;
        if (!active) {
            active = true;
            if (thread == null) {
                thread = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "mirror-copy-update");
                    t.setDaemon(true);
                    return t;
                });
            }
            thread.submit(this::follow);
        }
        notifyAll();
    }

    /** Leadership ends: the update in progress stops after its chunk (what it wrote is correct). */
    synchronized void stop() {
        stopped = true;
        if (running != null) {
            running.cancel();
        }
        notifyAll();
    }

    @Override
    public synchronized void close() {
        stop();
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    private synchronized boolean next() {
        if (stopped || !recheck) {
            active = false; // decided under the lock: columnsLoaded() submits a new task from now on
            return false;
        }
        recheck = false;
        return true;
    }

    private void follow() {
        Duration retry = FIRST_RETRY;
        try {
            while (next()) {
                try {
                    List<MirrorTable> tables = tablesToUpdate();
                    boolean all = true;
                    for (MirrorTable table : tables) {
                        if (!update(table)) {
                            all = false; // cancelled: the lead is gone (next() says whether it came back)
                            break;
                        }
                    }
                    if (all && !tables.isEmpty()) {
                        synchronized (this) {
                            recheck = true; // once more: the columns may have changed again meanwhile
                        }
                    }
                    retry = FIRST_RETRY;
                } catch (SQLException | RuntimeException e) {
                    log.warn("[DB Sync] Could not bring the copy up to date with Supabase's columns (next try in {} s): {}",
                            retry.toSeconds(), mask.apply(MongoErrors.describe(e)));
                    synchronized (this) {
                        recheck = true;
                        try {
                            if (!stopped) {
                                wait(retry.toMillis());
                            }
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            active = false; // closing
                            return;
                        }
                    }
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                }
            }
        } finally {
            current = null;
        }
    }

    /** The tables whose documents were made from other columns than the table has now. */
    private List<MirrorTable> tablesToUpdate() throws SQLException {
        DocumentMapper now;
        try (Connection c = database.dataSource().getConnection()) {
            now = DocumentMapper.load(c);
        }
        List<MirrorTable> out = new ArrayList<>();
        for (MirrorTable table : MirrorTable.IN_DEPENDENCY_ORDER) {
            // no record: the copy was made by an older ShopTwin (an empty one got its record before the first write)
            if (!CopySchema.read(copy, table).equals(Optional.of(now.signature(table)))) {
                out.add(table);
            }
        }
        return out;
    }

    /** Resyncs one table; false if it was cancelled. */
    private boolean update(MirrorTable table) throws SQLException {
        Resync resync;
        synchronized (this) {
            if (stopped) {
                return false;
            }
            resync = new Resync(database, copy).tables(EnumSet.of(table))
                    .onProgress((t, done, total) -> current = new CopyUpdate(t, done, total));
            running = resync;
        }
        current = new CopyUpdate(table, 0, -1);
        log.info("[DB Sync] The {} table changed in Supabase: updating the copy's documents", table.tableName());
        try {
            ResyncReport report = resync.run();
            if (report.cancelled()) {
                return false;
            }
            ResyncReport.TableResult r = report.table(table);
            log.info("[DB Sync] The copy's {} follow the table's columns again: {} document(s) written, {} removed", table.collectionName(),
                    r.written(), r.deleted());
            return true;
        } finally {
            synchronized (this) {
                running = null;
            }
            current = null;
        }
    }
}
