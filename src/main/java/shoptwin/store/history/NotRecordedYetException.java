package shoptwin.store.history;

/** The change is in Supabase but the backup's history does not have it yet (the mirror is a moment behind, or MongoDB is away). */
public class NotRecordedYetException extends HistoryRefusedException {
    public NotRecordedYetException(String message) {
        super(message);
    }
}
