package shoptwin.cli;

import java.io.PrintWriter;
import shoptwin.config.InvalidSettingException;
import shoptwin.config.MongoSettings;
import shoptwin.config.Settings;
import shoptwin.config.SettingsFile;
import shoptwin.store.copy.MirrorTable;
import shoptwin.mirror.ProgressListener;

/** What the mirror's commands share: the MongoDB settings and a progress line on stderr. */
final class MirrorCommandSupport {
    private MirrorCommandSupport() {
    }

    /** MONGODB_URI, or a clear error saying where to put it. */
    static MongoSettings mongoSettings(ShopTwinCommand root) {
        Settings s = root.settings();
        return s.mongo().orElseThrow(() -> new InvalidSettingException(Settings.MONGODB_URI, "required",
                "MONGODB_URI is not set: put the MongoDB connection string in the environment, in .env.local, or in "
                        + s.configDir().resolve(SettingsFile.FILE_NAME)));
    }

    /** A one-line progress bar per table, redrawn with \r on stderr. */
    static final class TerminalProgress implements ProgressListener {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final String verb;
        private MirrorTable current;
        private long lastDrawn;

        TerminalProgress(PrintWriter err, String verb) {
            this.err = err;
            this.verb = verb;
        }

        @Override
        public synchronized void progress(MirrorTable table, long done, long total) {
            if (current != null && current != table) {
                err.println();
            }
            current = table;
            long now = System.currentTimeMillis();
            boolean complete = total > 0 && done >= total;
            if (!complete && now - lastDrawn < 100 && done != 0) {
                return;
            }
            lastDrawn = now;
            int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
            err.print(String.format("\r%s %-9s [%s%s] %d/%d", verb, table.tableName(), "#".repeat(filled), "-".repeat(WIDTH - filled),
                    done, total));
            err.flush();
        }

        /** Ends the last line. */
        synchronized void finish() {
            if (current != null) {
                err.println();
                err.flush();
                current = null;
            }
        }
    }
}
