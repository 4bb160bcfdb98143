package shoptwin.status;

import java.time.Duration;
import java.util.List;
import shoptwin.store.copy.MirrorTable;

/** What a resync did, per table, in the words the status screen shows. */
public record ResyncOutcome(List<Table> tables, boolean cancelled, Duration took, String description) {

    public ResyncOutcome {
        tables = List.copyOf(tables);
    }

    /** Rows read from the snapshot, documents written, documents removed, documents MongoDB refused. */
    public record Table(MirrorTable table, long rows, long written, long deleted, long rejected) {
    }
}
