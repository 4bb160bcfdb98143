package shoptwin.ui.common;

/**
 * How a delete question ends: with the history installed (a MongoDB backup) the Recycle bin keeps what is
 * deleted for the history's days; without it a delete is final. Shared by the customer and payment deletes.
 */
public final class DeleteWording {
    private DeleteWording() {
    }

    /** Days must be 0 (nothing keeps a deleted row) or more; refused otherwise, naming them. */
    public static int restorableDays(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0: " + days);
        }
        return days;
    }

    /** " You can restore {@code them} from the Recycle bin for 90 days." or " This cannot be undone." */
    public static String after(String them, int restorableDays) {
        return restorableDays > 0
                ? " You can restore " + them + " from the Recycle bin for " + restorableDays + (restorableDays == 1 ? " day." : " days.")
                : " This cannot be undone.";
    }
}
