package shoptwin.importing;

/** Told after each batch the import wrote (from the importing thread). */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (written, total) -> { };

    void written(int rowsDone, int rowsTotal);
}
