import AWSClient
import Enrichment
import Logging

/// Everything the function reads from its environment, parsed once at start.
struct Configuration: Sendable {
    /// `AWS_LAMBDA_RUNTIME_API`: absent in local mode.
    var runtimeAPI: String?
    /// `AWS_LAMBDA_LOG_LEVEL`.
    var logLevel: LogLevel
    /// `AWS_LAMBDA_LOG_FORMAT`.
    var logFormat: LogFormat
    /// Credentials, region, attempts and endpoints.
    var aws: AWSConfiguration
    /// What shapes each investigation.
    var settings: EnrichmentSettings

    /// Parses `environment`; the first variable that does not parse is the error.
    static func parse(
        _ environment: [String: String]
    ) throws(ConfigurationError) -> Configuration {
        let reader = EnvironmentReader(environment: environment)
        let (logLevel, logFormat) = try reader.logging()

        let aws: AWSConfiguration
        do {
            aws = try AWSConfiguration.fromEnvironment(environment)
        } catch {
            throw ConfigurationError(variable: error.variable, message: error.description)
        }

        var settings = EnrichmentSettings(region: aws.region)
        if let name = reader.value("AWS_LAMBDA_FUNCTION_NAME") {
            settings.functionName = name
        }
        settings.graphARN = try reader.graphARN("DETECTIVE_GRAPH_ARN")
        settings.lookbackHours =
            try reader.positiveNumber("INVESTIGATION_LOOKBACK_HOURS") ?? settings.lookbackHours
        settings.pollSeconds =
            try reader.positiveNumber("INVESTIGATION_POLL_SECONDS") ?? settings.pollSeconds
        settings.deadlineMarginSeconds =
            try reader.positiveNumber("INVESTIGATION_DEADLINE_MARGIN_SECONDS")
            ?? settings.deadlineMarginSeconds
        settings.concurrency =
            try reader.positiveInteger("INVESTIGATION_CONCURRENCY") ?? settings.concurrency
        settings.maxScopeDays =
            try reader.positiveInteger("INVESTIGATION_MAX_SCOPE_DAYS") ?? settings.maxScopeDays
        settings.reuseMinutes =
            try reader.positiveInteger("INVESTIGATION_REUSE_MINUTES") ?? settings.reuseMinutes

        return Configuration(
            runtimeAPI: reader.value("AWS_LAMBDA_RUNTIME_API"), logLevel: logLevel,
            logFormat: logFormat, aws: aws, settings: settings)
    }

    /// The log settings alone, falling back to the defaults, so even a bad configuration
    /// can be logged in the format the operator chose.
    static func lenientLogging(_ environment: [String: String]) -> (LogLevel, LogFormat) {
        let reader = EnvironmentReader(environment: environment)
        let level = reader.value("AWS_LAMBDA_LOG_LEVEL").flatMap(LogLevel.init(name:)) ?? .info
        let format = reader.value("AWS_LAMBDA_LOG_FORMAT").flatMap(LogFormat.init(name:)) ?? .text
        return (level, format)
    }
}

/// A variable that is missing or does not parse; reported as the init error.
struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The Lambda `errorType` of the init error.
    static let errorType = "InvalidConfiguration"
    /// The variable at fault.
    var variable: String
    /// What is wrong, naming the variable and its value.
    var message: String

    var description: String { message }
}

/// Reads single variables; an empty value counts as unset, as the AWS SDKs treat it.
private struct EnvironmentReader {
    let environment: [String: String]

    func value(_ name: String) -> String? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        return text
    }

    func logging() throws(ConfigurationError) -> (LogLevel, LogFormat) {
        var level = LogLevel.info
        if let text = value("AWS_LAMBDA_LOG_LEVEL") {
            guard let parsed = LogLevel(name: text) else {
                throw invalid(
                    "AWS_LAMBDA_LOG_LEVEL", text,
                    "is not TRACE, DEBUG, INFO, WARN, "
                        + "ERROR or FATAL")
            }
            level = parsed
        }
        var format = LogFormat.text
        if let text = value("AWS_LAMBDA_LOG_FORMAT") {
            guard let parsed = LogFormat(name: text) else {
                throw invalid("AWS_LAMBDA_LOG_FORMAT", text, "is not Text or JSON")
            }
            format = parsed
        }
        return (level, format)
    }

    /// A positive, finite number; fractions allowed (`0.5`).
    func positiveNumber(_ name: String) throws(ConfigurationError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite, number > 0 else {
            throw invalid(name, text, "is not a positive number of \(unit(name))")
        }
        return number
    }

    /// A positive whole number.
    func positiveInteger(_ name: String) throws(ConfigurationError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), number > 0 else {
            throw invalid(name, text, "is not a positive integer")
        }
        return number
    }

    /// A behavior graph ARN: `arn:PARTITION:detective:REGION:ACCOUNT:graph:ID`.
    func graphARN(_ name: String) throws(ConfigurationError) -> String? {
        guard let text = value(name) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "detective",
            !parts[3].isEmpty, parts[4].count == 12, parts[4].allSatisfy(\.isNumber),
            parts[5] == "graph", !parts[6].isEmpty
        else {
            throw invalid(
                name, text,
                "is not a Detective behavior graph ARN "
                    + "(arn:aws:detective:REGION:ACCOUNT:graph:ID)")
        }
        return text
    }

    private func unit(_ name: String) -> String {
        name.hasSuffix("_HOURS") ? "hours" : "seconds"
    }

    private func invalid(_ name: String, _ text: String, _ reason: String) -> ConfigurationError {
        ConfigurationError(variable: name, message: "\(name)=\(JSONText.quote(text)) \(reason)")
    }
}
