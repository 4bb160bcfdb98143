package shoptwin.ui.main;

import java.util.List;

/** Every keyboard shortcut of the console, as Help → Keyboard shortcuts lists them (and docs/console.md). */
public final class Shortcuts {
    /** One line of the list. */
    public record Shortcut(String keys, String what) {
    }

    public static final List<Shortcut> ALL = List.of(
            new Shortcut("Ctrl+N", "New customer, from any screen (asks first if a form holds unsaved typing)"),
            new Shortcut("Ctrl+F", "Search customers, from any screen"),
            new Shortcut("Esc (in the search)", "Clear the search"),
            new Shortcut("Enter (on a customer or payment)", "Edit it"),
            new Shortcut("Delete (on a customer or payment)", "Delete it (asks first)"),
            new Shortcut("Enter (in a one-line field of the customer form)", "Save"),
            new Shortcut("Ctrl+Enter (in the customer form)", "Save"),
            new Shortcut("Esc (in a form)", "Cancel the form (asks first if it holds unsaved typing)"),
            new Shortcut("Tab / Shift+Tab", "Next / previous field, in every field (Ctrl+Tab types a tab in Address or Notes)"),
            new Shortcut("Ctrl+,", "Settings"),
            new Shortcut("Ctrl+Shift+T", "Light / dark theme"),
            new Shortcut("F1", "This list"),
            new Shortcut("Ctrl+Q", "Quit (asks about unsaved changes)"));

    private Shortcuts() {
    }
}
