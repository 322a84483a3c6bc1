/// A response or error the runtime posted for an invocation.
public struct RecordedResult: RecordedPost {
    /// Which post it was.
    public enum Kind: String, Sendable {
        /// `POST /runtime/invocation/{id}/response`.
        case response
        /// `POST /runtime/invocation/{id}/error`.
        case error
    }

    /// Which post it was.
    public var kind: Kind
    /// The invocation it answers.
    public var requestID: String
    /// The request's header lines.
    public var headers: [ServerHeader]
    /// The request's body.
    public var body: [UInt8]
}

/// An init error the runtime posted to `POST /runtime/init/error`.
public struct RecordedInitError: RecordedPost {
    /// The request's header lines.
    public var headers: [ServerHeader]
    /// The request's body.
    public var body: [UInt8]
}

/// A post the runtime made to the emulator, read back by tests and the sandbox.
public protocol RecordedPost: Sendable {
    /// The request's header lines.
    var headers: [ServerHeader] { get }
    /// The request's body.
    var body: [UInt8] { get }
}

extension RecordedPost {
    /// The value of the first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// `Lambda-Runtime-Function-Error-Type`, when sent.
    public var errorType: String? {
        header("Lambda-Runtime-Function-Error-Type")
    }

    /// The body as UTF-8 text.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
