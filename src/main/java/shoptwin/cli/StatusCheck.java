package shoptwin.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import shoptwin.config.Secrets;

/**
 * {@code shoptwin status --check}: the verdict for cron and Nagios-style checks, as one line. OK when
 * Supabase answers, a mirror holds the leader lock, the oldest waiting change is younger than the lag
 * bound and (when given) the backlog is within its bound; otherwise every problem found, in one line.
 */
record StatusCheck(boolean ok, String line) {

    /** @param maxBacklog null: no bound on the backlog */
    static StatusCheck of(StatusReport report, Duration maxLag, Long maxBacklog) {
        StatusReport.Supabase supabase = report.supabase();
        if (!supabase.reachable()) {
            return problem("Supabase unreachable: " + supabase.error());
        }
        if (supabase.schemaVersion() == null) {
            return problem("ShopTwin's schema is not in " + supabase.database() + ": run shoptwin migrate");
        }
        StatusReport.Mirror mirror = report.mirror();
        StatusReport.ChangeLog log = report.changeLog();
        List<String> problems = new ArrayList<>();
        boolean leader = mirror.leaderHost() != null;
        if ("UNKNOWN".equals(mirror.state())) {
            problems.add("the mirror's state could not be read");
        } else if (!leader) {
            problems.add("no mirror is running (no console or shoptwin mirror holds the leader lock)");
        }
        if (mirror.attention() != null) {
            problems.add(mirror.attention());
        }
        long backlog = log.backlog() == null ? -1 : log.backlog();
        double lagSeconds = log.oldestPendingSeconds() == null ? 0 : log.oldestPendingSeconds();
        if (log.backlog() == null) {
            problems.add("the change log could not be read");
        } else {
            if (lagSeconds > maxLag.toMillis() / 1000.0) {
                problems.add("lag " + StatusReport.formatAge(lagSeconds) + " over the bound of " + age(maxLag) + " (" + backlog
                        + " change(s) waiting)");
            }
            if (maxBacklog != null && backlog > maxBacklog) {
                problems.add("backlog " + backlog + " over the bound of " + maxBacklog);
            }
        }
        String who = leader ? "the mirror on " + mirror.leaderHost() + " (pid " + mirror.leaderPid() + ")" : null;
        if (!problems.isEmpty()) {
            if (leader && mirror.lastError() != null) {
                problems.add(who + " is " + mirror.state().toLowerCase().replace('_', ' ') + "; its last error: " + mirror.lastError());
            }
            return problem(String.join("; ", problems));
        }
        return new StatusCheck(true, Secrets.maskAll("OK: " + who + " leads (" + mirror.state().toLowerCase().replace('_', ' ')
                + "), backlog " + backlog + ", lag " + StatusReport.formatAge(lagSeconds) + " (bounds: lag " + age(maxLag)
                + (maxBacklog == null ? "" : ", backlog " + maxBacklog) + ")"
                + (mirror.parked() > 0 ? "; " + mirror.parked() + " parked change(s): see shoptwin parked" : "")));
    }

    private static String age(Duration d) {
        return StatusReport.formatAge(d.toMillis() / 1000.0);
    }

    private static StatusCheck problem(String what) {
        String text = what;
        int nl = text.indexOf('\n');
        return new StatusCheck(false, Secrets.maskAll("PROBLEM: " + (nl < 0 ? text : text.substring(0, nl).strip())));
    }
}
