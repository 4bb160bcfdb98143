package shoptwin.importing;

import java.util.List;

/**
 * What an import wrote. Batches are written in order, each in its own transaction: {@code writtenUpTo}
 * rows of the plan were handled (added, or skipped because someone added them meanwhile), the rest were
 * not written at all, because the user cancelled or a batch failed ({@code failure}). Importing the same
 * file again adds exactly what is missing: the rows already added are skipped as duplicates.
 */
public record ImportReport(ImportPlan plan, int added, List<Long> skippedMeanwhile, int writtenUpTo, boolean cancelled,
                           String failure) {
    public ImportReport {
        skippedMeanwhile = List.copyOf(skippedMeanwhile);
    }

    public boolean complete() {
        return writtenUpTo == plan.toAdd().size();
    }

    /** Rows the plan meant to add that were not written (cancelled or after a failure). */
    public List<Long> notWritten() {
        return plan.toAdd().subList(writtenUpTo, plan.toAdd().size()).stream().map(CustomerFile.Row::number).toList();
    }

    /** A few sentences for the console's dialog and the command line. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("Added ").append(added).append(added == 1 ? " customer" : " customers").append(" from ")
                .append(plan.file().name()).append('.');
        if (!skippedMeanwhile.isEmpty()) {
            b.append(' ').append(skippedMeanwhile.size()).append(" more rows were skipped: a customer with the same phone,"
                    + " email or name was added meanwhile (rows ").append(ranges(skippedMeanwhile)).append(").");
        }
        if (!complete()) {
            List<Long> rest = notWritten();
            b.append(cancelled ? " Cancelled: " : " Stopped by a failure (" + failure + "): ")
                    .append(rest.size()).append(rest.size() == 1 ? " row was" : " rows were").append(" not written (rows ")
                    .append(ranges(rest)).append("). Rows ").append(writtenUpTo == 0 ? "none" : "up to row "
                            + plan.toAdd().get(writtenUpTo - 1).number())
                    .append(writtenUpTo == 0 ? " were written." : " were written.")
                    .append(" Import the same file again to add the rest: what was added is skipped as duplicates.");
        }
        return b.toString();
    }

    /** "2–5, 9, 12–14". */
    static String ranges(List<Long> rows) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < rows.size()) {
            int j = i;
            while (j + 1 < rows.size() && rows.get(j + 1) == rows.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(rows.get(i));
            if (j > i) {
                b.append('–').append(rows.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }
}
