package shoptwin.ui.settings;

/**
 * Tries a connection with settings as typed, without saving them. Implemented outside the UI (the
 * UI imports no database driver); blocks, so the UI calls it through its executor. Messages must
 * already be free of secrets; the UI masks them again anyway.
 */
public interface ConnectionTester {

    Result testSupabase(String url, String password);

    Result testMongo(String uri, String database);

    record Result(boolean ok, String message) {
        public static Result ok(String message) {
            return new Result(true, message);
        }

        public static Result failed(String message) {
            return new Result(false, message);
        }
    }
}
