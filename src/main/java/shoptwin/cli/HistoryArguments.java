package shoptwin.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import shoptwin.store.Staff;
import shoptwin.store.copy.MirrorTable;

/** The arguments the history's commands share: TABLE, ID and --as-of TIME, each refused naming itself (exit 2). */
final class HistoryArguments {
    private HistoryArguments() {
    }

    static MirrorTable table(CommandSpec spec, String typed, boolean shopAllowed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        for (MirrorTable table : MirrorTable.values()) {
            if ((table.tableName().equals(t) || table.collectionName().equals(t)) && (shopAllowed || table != MirrorTable.SHOP)) {
                return table;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "TABLE: '" + typed + "' is not one of "
                + (shopAllowed ? "customers, payments or shop." : "customers or payments."));
    }

    static UUID id(CommandSpec spec, String typed) {
        try {
            return UUID.fromString(typed.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "ID: '" + typed
                    + "' is not a row's id: it looks like 3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d.");
        }
    }

    /**
     * A moment: {@code 2026-11-01T10:00:00Z}, with an offset ({@code +05:30}), or without one in this computer's time
     * zone ({@code 2026-11-01 10:00}, {@code 2026-11-01T10:00:00.123456}); a date alone is its midnight.
     */
    static Instant moment(CommandSpec spec, String option, String typed, ZoneId zone) {
        String t = typed.strip().replace(' ', 'T');
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notAnInstant) {
            // with an offset, or local
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException noOffset) {
            // local
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // a date
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": '" + typed + "' is not a moment: write it like"
                    + " 2026-11-01T10:00:00Z, 2026-11-01T15:30:00+05:30 or 2026-11-01 15:30 (this computer's time zone, " + zone + ").");
        }
    }

    /** Who a command's writes are recorded as: SHOPTWIN_STAFF_NAME, else this computer's user; through "command line". */
    static Staff staff(ShopTwinCommand root) {
        return Staff.named(root.settings().history().staffName(), Staff.COMMAND_LINE);
    }
}
