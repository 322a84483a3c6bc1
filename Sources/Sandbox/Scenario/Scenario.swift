import AWSSigning
import JSON

/// Everything a sandbox run needs: accounts, graphs, findings, events, behaviour, faults and
/// what should come of it. `scenarios/README.md` documents the file format.
public struct Scenario: Sendable {
    /// A short name, for the table's title.
    public var name: String
    /// What the scenario shows.
    public var description: String
    /// The credentials requests must be signed with; given to `bootstrap`.
    public var credentials: AWSCredentials
    /// The region Security Hub is served in and `AWS_REGION` of the function.
    public var securityHubRegion: String
    /// The regions Detective is served in: the graphs' regions and any listed.
    public var detectiveRegions: Set<String>
    /// `AWS_LAMBDA_FUNCTION_NAME` of the function; the note's `UpdatedBy`.
    public var functionName: String
    /// More environment for `bootstrap` (`INVESTIGATION_POLL_SECONDS`, `DETECTIVE_GRAPH_ARN`).
    public var environment: [String: String]
    /// The behavior graphs.
    public var graphs: [ScenarioGraph]
    /// The findings in the Security Hub store, in ASFF.
    public var findings: [JSONValue]
    /// The events sent to the function, in order.
    public var events: [ScenarioEvent]
    /// How investigations of each entity progress and what they find.
    public var investigations: [InvestigationBehavior]
    /// Investigations already in the graphs when the sandbox starts.
    public var existingInvestigations: [ExistingInvestigation]
    /// Faults to inject.
    public var faults: [Fault]
    /// The largest page each list operation answers with, by operation name.
    public var pageSizes: [String: Int]
    /// Whether `BatchUpdateFindings` merges `UserDefinedFields` or replaces them.
    public var userDefinedFieldsUpdate: FieldsUpdate
    /// The invocation timeout given to each event, in seconds.
    public var invocationTimeoutSeconds: Double
    /// What should happen to each finding.
    public var expected: [ExpectedOutcome]
}

/// One behavior graph.
public struct ScenarioGraph: Sendable, Hashable {
    /// The graph ARN; its region is where the graph lives.
    public var arn: String
    /// When it was created, in seconds since 1970.
    public var createdTime: Double

    /// The region named in the ARN.
    public var region: String { ARNParts(arn)?.region ?? "" }
}

/// One event to send: an EventBridge envelope built around findings of the store.
public struct ScenarioEvent: Sendable {
    /// `Security Hub Findings - Imported` or `Security Hub Findings - Custom Action`.
    public var detailType: String
    /// The `Id`s of the findings it carries, in order.
    public var findingIDs: [String]
    /// The envelope's `region`; the Security Hub region when absent.
    public var region: String?
    /// The custom action's name (`investigate`), for custom-action events.
    public var actionName: String?
    /// A full envelope to send as is, instead of building one.
    public var rawEnvelope: JSONValue?
}

/// How investigations of one entity go.
public struct InvestigationBehavior: Sendable {
    /// The IAM user or role ARN investigated.
    public var entityARN: String
    /// The graph, when the behaviour holds in one graph only.
    public var graphARN: String?
    /// `SUCCESSFUL`, `FAILED`, or `RUNNING` for an investigation that never finishes.
    public var finalStatus: String
    /// `GetInvestigation` answers `RUNNING` this many times before the final status.
    public var runningPolls: Int
    /// ...and for at least this many seconds after it started.
    public var runningSeconds: Double
    /// The severity once `SUCCESSFUL`.
    public var severity: String
    /// The indicators `ListIndicators` answers with, as the model shapes them.
    public var indicators: [JSONValue]
}

/// An investigation present before the function runs, to exercise reuse.
public struct ExistingInvestigation: Sendable {
    public var graphARN: String
    public var entityARN: String
    public var status: String
    public var severity: String?
    /// How long before the sandbox started it was created.
    public var createdSecondsAgo: Double
}

/// How `BatchUpdateFindings` applies `UserDefinedFields`.
public enum FieldsUpdate: String, Sendable {
    /// Fields sent overwrite fields of the same name; others stay (what AWS does).
    case merge
    /// The map sent becomes the whole map.
    case replace
}

/// What should come of one finding.
public struct ExpectedOutcome: Sendable {
    /// The finding's `Id`.
    public var findingID: String
    /// `complete`, `running`, `failed` or `skipped`: the `investigate` field written back.
    public var outcome: String
    /// The `detective_severity` field, when one is expected.
    public var severity: String?
    /// Texts the note must contain.
    public var noteContains: [String]
    /// Texts that must appear in the `detective_reason` field.
    public var reasonContains: [String]
}

/// The parts of an ARN: `arn:partition:service:region:account:resource`.
public struct ARNParts: Sendable, Equatable {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    /// The parts of `arn`, or nil when it is not an ARN.
    public init?(_ arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }
}
