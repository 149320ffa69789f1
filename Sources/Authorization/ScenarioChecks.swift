import EmulatorCore

/// Reading scenario entries with the API's own rules, reporting instead of throwing, so a file shows
/// every problem at once.
enum ScenarioChecks {
    /// `check(text)`, or nil with its complaint reported at `place`.
    static func value(_ place: ScenarioValue, _ text: String, issues: ScenarioIssues,
                      _ check: (String) throws -> String) -> String? {
        do {
            return try check(text)
        } catch let error as APIError {
            // A field error's own message, without the "Validation failed." that heads the API's.
            let message = error.body["errors"]?.arrayValue?.first?["message"] ?? error.body["message"]
            issues.report(place, message?.stringValue ?? "invalid value")
        } catch {
            issues.report(place, "\(error)")
        }
        return nil
    }

    /// A string field of at most `max` characters.
    static func text(_ entry: ScenarioValue, _ key: String, max: Int, required: Bool = false, issues: ScenarioIssues) -> String? {
        guard let text = entry.string(key, in: issues, required: required) else { return nil }
        guard text.count <= max else {
            issues.report(entry[key]!, "\(key) must be at most \(max) characters.")
            return nil
        }
        return text
    }
}
