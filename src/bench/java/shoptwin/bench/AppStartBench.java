package shoptwin.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/**
 * 6. The app: the real console (shoptwin.Main, no arguments) launched as its own JVM against the big shop,
 * under Xvfb (or Monocle headless without it). The console's start-up probe prints when the window, the
 * main window and the first page of customers appear, in ms since the JVM started; then resident memory
 * (VmRSS of the java process) is sampled. Beside it, the demo as a first-time user starts it (no settings:
 * the embedded PostgreSQL and MongoDB start inside the console), a first start on an empty data folder and
 * then second starts on the same folder, since the demo's figure is what a person trying ShopTwin meets.
 */
final class AppStartBench {
    private static final long TIMEOUT_MS = 90_000;

    private AppStartBench() {
    }

    record Run(Map<String, Long> marks, long rssKb, String failure) {
    }

    /** The start-up steps of a run in order, each with how long it took until the next mark. */
    static String steps(Run r) {
        List<Map.Entry<String, Long>> marks = new ArrayList<>(r.marks().entrySet());
        marks.sort(Map.Entry.comparingByValue());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < marks.size(); i++) {
            long next = i + 1 < marks.size() ? marks.get(i + 1).getValue() : marks.get(i).getValue();
            sb.append(i == 0 ? "" : "; ").append(marks.get(i).getKey().replace("step ", "").replace("…", ""))
                    .append(" at ").append(Stats.seconds(marks.get(i).getValue() / 1000.0));
            if (i + 1 < marks.size()) {
                sb.append(" (+").append(next - marks.get(i).getValue()).append(" ms)");
            }
        }
        return sb.toString();
    }

    static void run(BenchEnv env, Scale scale, Report report, SharedData shared) throws Exception {
        Database db = shared.shop();
        MongoSettings copy = shared.copy();
        int runs = scale.name().equals("quick") ? 1 : 3;
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run r = launch(db, copy);
            System.out.println("app run " + (i + 1) + ": " + r);
            results.add(r);
        }
        Report.Table table = new Report.Table("run", "window shown", "main window", "first page of customers",
                "resident memory (VmRSS)");
        List<Long> consoles = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Run r = results.get(i);
            if (r.failure() != null) {
                table.row(String.valueOf(i + 1), ms(r.marks().get("window")), ms(r.marks().get("console")), "failed (below)",
                        r.rssKb() > 0 ? mb(r.rssKb()) : "–");
                failures.add("Run " + (i + 1) + ": " + r.failure());
                continue;
            }
            Long customers = r.marks().get("customers");
            Long console = r.marks().get("console");
            consoles.add(customers != null ? customers : console);
            rss.add(r.rssKb());
            table.row(String.valueOf(i + 1), ms(r.marks().get("window")), ms(console), ms(customers), mb(r.rssKb()));
        }
        report.section("6. The app: start-up and memory")
                .text("The console as users start it (`java -Xmx512m -cp ... shoptwin.Main`, the installer's heap limit),"
                        + " configured through SUPABASE_DB_URL / MONGODB_URI for the shop of section 4 ("
                        + Stats.count(scale.customers()) + " customers, " + Stats.count(shared.rows() - scale.customers())
                        + " payments), " + (xvfb() ? "on an X server (Xvfb, software rendering)" : "headless (Monocle)")
                        + ". Times are from the JVM's start (RuntimeMXBean uptime, printed by the console's start-up probe"
                        + " `-Dshoptwin.startupProbe=true`): the window appears with a start-up message, the main window"
                        + " replaces it once the databases are connected and the mirror started, then the customer list"
                        + " shows its first page. Resident memory: the largest VmRSS of 5 samples over the 5 s after the"
                        + " first page (the whole process: heap, metaspace, JavaFX, native).")
                .table(table);
        failures.forEach(f -> report.sections.get(report.sections.size() - 1).text("`" + f.replace('`', '\'') + "`"));
        if (!results.isEmpty()) {
            Run last = results.get(results.size() - 1);
            report.sections.get(report.sections.size() - 1).text("Where start-up time goes (run " + results.size()
                    + ", ms since the JVM started; each step runs until the next): JVM start to window = JavaFX"
                    + " toolkit and theme; " + steps(last) + ".");
        }
        if (consoles.isEmpty()) {
            report.target("start-up ≤ 3 s", "not measured", false);
            report.target("resident memory ≤ 400 MB", "not measured", false);
            return;
        }
        long medianStart = median(consoles);
        long maxRss = rss.stream().mapToLong(Long::longValue).max().orElse(0);
        report.target("start-up to the first screen ≤ 3 s", "median " + ms(medianStart) + " to the first page of customers",
                medianStart <= 3_000);
        report.target("resident memory ≤ 400 MB with " + Stats.count(scale.customers()) + " customers",
                "largest " + mb(maxRss), maxRss <= 400 * 1024);
    }

    static Run launch(Database db, MongoSettings copy) throws Exception {
        Path workDir = Files.createTempDirectory("shoptwin-bench-app");
        return launch(workDir, Map.of(
                "SUPABASE_DB_URL", db.settings().jdbcUrl() + (db.settings().jdbcUrl().contains("?") ? "&" : "?") + "user=postgres",
                "MONGODB_URI", copy.uri(),
                "MONGODB_DATABASE", copy.database()));
    }

    /** The demo: no database settings, its data folder under {@code dataHome} (XDG_DATA_HOME), kept between runs. */
    static Run launchDemo(Path dataHome) throws Exception {
        Path workDir = Files.createTempDirectory("shoptwin-bench-demo");
        return launch(workDir, Map.of("XDG_DATA_HOME", dataHome.toString()));
    }

    /**
     * The demo's start-up: one first start on an empty data folder (the embedded PostgreSQL's initdb, the
     * migrations and the sample shop), then second starts on the same folder, the start people repeat.
     */
    static void runDemo(Scale scale, Report report) throws Exception {
        Path dataHome = Files.createTempDirectory("shoptwin-bench-demo-data");
        int again = scale.name().equals("quick") ? 2 : 3;
        List<Run> results = new ArrayList<>();
        for (int i = 0; i <= again; i++) {
            Run r = launchDemo(dataHome);
            System.out.println("demo run " + (i + 1) + ": " + r);
            results.add(r);
        }
        Report.Table table = new Report.Table("run", "window shown", "main window", "first page of customers",
                "resident memory (VmRSS)");
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Run r = results.get(i);
            String name = i == 0 ? "first start (empty folder)" : "second start " + i;
            Long customers = r.marks().get("customers");
            table.row(name, ms(r.marks().get("window")), ms(r.marks().get("console")),
                    r.failure() != null ? "failed: " + r.failure().replace('|', '/') : ms(customers), r.rssKb() > 0 ? mb(r.rssKb()) : "–");
            if (i > 0 && r.failure() == null && customers != null) {
                seconds.add(customers);
            }
        }
        Report.Section section = report.section("6b. The demo: start-up")
                .text("The console with no settings (`java -Xmx512m -cp ... shoptwin.Main`, XDG_DATA_HOME set to a fresh"
                        + " folder of the benchmark's own), " + (xvfb() ? "on an X server (Xvfb, software rendering)" : "headless (Monocle)")
                        + ": it starts the embedded PostgreSQL and MongoDB, migrates, adds the sample shop on the first start"
                        + " and starts the mirror, all behind the window's start-up message. Same marks as section 6.")
                .table(table);
        Run last = results.get(results.size() - 1);
        section.text("Where a second start's time goes (ms since the JVM started; each step runs until the next): "
                + steps(last) + ".");
        if (!seconds.isEmpty()) {
            section.text("Median of the second starts to the first page of customers: " + ms(median(seconds)) + ".");
        }
    }

    private static Run launch(Path workDir, Map<String, String> settings) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (xvfb()) {
            cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx512m", "-Dshoptwin.startupProbe=true", "-Djava.util.prefs.userRoot=" + workDir.resolve("prefs")));
        if (!xvfb() && System.getenv("DISPLAY") == null) {
            cmd.addAll(Arrays.asList("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-Dprism.text=t2k", "-Djava.awt.headless=true"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "shoptwin.Main"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("SUPABASE") || k.startsWith("MONGODB") || k.startsWith("SHOPTWIN") || k.equals("XDG_DATA_HOME"));
        e.putAll(settings);
        e.put("SHOPTWIN_CONFIG_DIR", workDir.resolve("config").toString());
        Process p = pb.start();
        Map<String, Long> marks = new HashMap<>();
        List<String> tail = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int probe = line.indexOf("SHOPTWIN_STARTUP "); // a log line: time, level, logger, then the mark
                    if (probe >= 0) {
                        int last = line.lastIndexOf(' ');
                        String stage = line.substring(probe + "SHOPTWIN_STARTUP ".length(), last);
                        synchronized (marks) {
                            marks.put(stage, Long.parseLong(line.substring(last + 1)));
                            marks.notifyAll();
                        }
                    } else {
                        synchronized (tail) {
                            tail.add(line);
                            if (tail.size() > 20) {
                                tail.remove(0);
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "app-output");
        reader.setDaemon(true);
        reader.start();
        String failure = null;
        long rssKb = 0;
        try {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            synchronized (marks) {
                while (!marks.containsKey("customers") && !marks.containsKey("failed") && p.isAlive()
                        && System.currentTimeMillis() < deadline) {
                    marks.wait(200);
                }
            }
            if (!marks.containsKey("customers")) {
                synchronized (tail) {
                    failure = (marks.containsKey("failed") ? "the console could not start" : "no first page within "
                            + TIMEOUT_MS / 1000 + " s") + "; last output: " + String.join(" / ", tail).replace('|', '/');
                }
            }
            Optional<ProcessHandle> java = javaProcess(p);
            for (int i = 0; i < 5 && java.isPresent(); i++) {
                Thread.sleep(1_000);
                rssKb = Math.max(rssKb, rssKb(java.get().pid()));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        return new Run(marks, rssKb, failure);
    }

    private static Optional<ProcessHandle> javaProcess(Process p) {
        if (!xvfb()) {
            return Optional.of(p.toHandle());
        }
        return p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    static boolean xvfb() {
        return System.getenv("DISPLAY") == null && Files.isExecutable(Path.of("/usr/bin/xvfb-run"));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static String ms(Long millis) {
        return millis == null ? "–" : Stats.seconds(millis / 1000.0);
    }

    private static String mb(long kb) {
        return String.format(java.util.Locale.ROOT, "%.0f MB", kb / 1024.0);
    }
}
