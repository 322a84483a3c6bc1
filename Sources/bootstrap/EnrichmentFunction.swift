import Enrichment
import LambdaRuntime

/// The enrichment handler as the runtime calls it: bytes in, bytes out, typed errors.
struct EnrichmentFunction: LambdaHandler {
    let handler: EnrichmentHandler

    func handle(event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        do {
            return try await handler.handle(
                event: event, deadline: context.deadline, logger: context.logger)
        } catch {
            throw LambdaHandlerError(type: error.code.rawValue, message: error.message)
        }
    }
}
