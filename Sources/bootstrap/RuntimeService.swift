import AWSClient
import Enrichment
import HTTP
import LambdaRuntime
import Logging

/// The Lambda mode: serve the Runtime API until the environment ends the process.
enum RuntimeService {
    /// Serves invocations; returns the exit status once the Runtime API has failed.
    static func run(environment: [String: String]) async -> Int32 {
        let (level, format) = Configuration.lenientLogging(environment)
        let logger = Logger(level: level, format: format)

        let api: RuntimeAPIClient
        do {
            api = try RuntimeAPIClient(endpoint: environment["AWS_LAMBDA_RUNTIME_API"] ?? "")
        } catch {
            logger.fatal("cannot reach the Runtime API", ["error": error.description])
            return 1
        }

        let configuration: Configuration
        do {
            configuration = try Configuration.parse(environment)
        } catch {
            let report = InvocationError(
                errorType: ConfigurationError.errorType, errorMessage: error.message)
            await LambdaRuntime.reportInitError(report, api: api, logger: logger)
            return 1
        }

        let aws = AWSClient(
            configuration: configuration.aws, httpClient: HTTPClient(), logger: logger)
        let handler = EnrichmentFunction(
            handler: EnrichmentHandler(settings: configuration.settings, aws: aws))
        let runtime = LambdaRuntime(api: api, handler: handler, logger: logger)
        logger.debug("runtime started", ["runtimeAPI": api.endpoint])
        do {
            try await runtime.run()
        } catch {
            logger.fatal("the Runtime API failed; exiting", ["error": error.description])
            return 1
        }
    }
}
