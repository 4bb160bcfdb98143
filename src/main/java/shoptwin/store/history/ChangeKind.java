package shoptwin.store.history;

/** What a version records: a row created, changed, deleted, or recorded as it was by a resync (a starting point). */
public enum ChangeKind {
    INSERT("created"), UPDATE("changed"), DELETE("deleted"), SNAPSHOT("recorded as it was (resync)");

    private final String verb;

    ChangeKind(String verb) {
        this.verb = verb;
    }

    /** "created", "changed", ...: for "Customer created by Asha". */
    public String verb() {
        return verb;
    }
}
