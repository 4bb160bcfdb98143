package shoptwin.bench;

import java.util.ArrayList;
import java.util.List;

/** What a run found: sections of prose and tables, and the targets met or missed. Renders as text and Markdown. */
final class Report {
    record Table(List<String> header, List<List<String>> rows) {
        Table(String... header) {
            this(List.of(header), new ArrayList<>());
        }

        Table row(String... cells) {
            rows.add(List.of(cells));
            return this;
        }
    }

    record Target(String goal, String measured, boolean met) {
    }

    static final class Section {
        final String title;
        final List<Object> parts = new ArrayList<>();

        Section(String title) {
            this.title = title;
        }

        Section text(String paragraph) {
            parts.add(paragraph);
            return this;
        }

        Section table(Table table) {
            parts.add(table);
            return this;
        }
    }

    final List<Section> sections = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();

    Section section(String title) {
        Section s = new Section(title);
        sections.add(s);
        return s;
    }

    void target(String goal, String measured, boolean met) {
        targets.add(new Target(goal, measured, met));
    }

    static String markdown(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", t.header())).append(" |\n");
        sb.append("|").append("---|".repeat(t.header().size())).append("\n");
        for (List<String> r : t.rows()) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    static String text(Table t) {
        int n = t.header().size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = t.header().get(i).length();
            for (List<String> r : t.rows()) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, t.header(), w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        }
        sb.append(rule).append('\n');
        for (List<String> r : t.rows()) {
            appendRow(sb, r, w);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(w[i] - c.length()));
        }
        sb.append('\n');
    }

    Table targetTable() {
        Table t = new Table("target", "measured", "verdict");
        for (Target g : targets) {
            t.row(g.goal(), g.measured(), g.met() ? "met" : "MISSED");
        }
        return t;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            sb.append("\n== ").append(s.title).append('\n');
            for (Object p : s.parts) {
                if (p instanceof Table t) {
                    sb.append(text(t));
                }
            }
        }
        sb.append("\n== Targets\n").append(text(targetTable()));
        return sb.toString();
    }

    String markdownSections() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            sb.append("\n## ").append(s.title).append("\n\n");
            for (Object p : s.parts) {
                if (p instanceof Table t) {
                    sb.append(markdown(t)).append('\n');
                } else {
                    sb.append(p).append("\n\n");
                }
            }
        }
        return sb.toString();
    }
}
