/// One operation of a stand-in service: its route and input shape, as the model gives them.
struct Operation: Sendable {
    /// The operation name (`StartInvestigation`).
    var name: String
    /// The HTTP method the model binds it to.
    var method: String
    /// The model's `requestUri`.
    var path: String
    /// The input shape the body must satisfy.
    var input: Shape
}
