package shoptwin.ui.settings;

/**
 * Where the settings dialog loads and saves the connection settings (the settings file, owner-only
 * permissions). Implemented outside the UI; may block: called through the UI executor.
 */
public interface SettingsRepository {

    ConnectionSettings load() throws Exception;

    void save(ConnectionSettings settings) throws Exception;

    /** Where the settings are kept, for the dialog's footnote ("~/.config/shoptwin/settings.properties"). */
    default String describe() {
        return "";
    }
}
