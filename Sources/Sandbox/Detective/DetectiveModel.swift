/// The Detective operations the sandbox serves, transcribed from the botocore model
/// (`detective/2018-10-26/service-2.json`).
enum DetectiveModel {
    static let graphARNPattern =
        #"^arn:aws[-\w]{0,10}?:detective:[-\w]{2,20}?:\d{12}?:graph:[abcdef\d]{32}?$"#
    static let graphARN = Shape.pattern(graphARNPattern)
    static let entityARN = Shape.pattern("^arn:.*")
    static let investigationID = Shape.pattern("^[0-9]+$", min: 21, max: 21)
    static let status = ["RUNNING", "FAILED", "SUCCESSFUL"]
    static let severity = ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]
    static let state = ["ACTIVE", "ARCHIVED"]
    static let indicatorTypes = [
        "TTP_OBSERVED", "IMPOSSIBLE_TRAVEL", "FLAGGED_IP_ADDRESS", "NEW_GEOLOCATION", "NEW_ASO",
        "NEW_USER_AGENT", "RELATED_FINDING", "RELATED_FINDING_GROUP",
    ]
    /// The `IndicatorDetail` member that goes with each `IndicatorType`.
    static let detailMember = [
        "TTP_OBSERVED": "TTPsObservedDetail", "IMPOSSIBLE_TRAVEL": "ImpossibleTravelDetail",
        "FLAGGED_IP_ADDRESS": "FlaggedIpAddressDetail", "NEW_GEOLOCATION": "NewGeolocationDetail",
        "NEW_ASO": "NewAsoDetail", "NEW_USER_AGENT": "NewUserAgentDetail",
        "RELATED_FINDING": "RelatedFindingDetail",
        "RELATED_FINDING_GROUP": "RelatedFindingGroupDetail",
    ]

    static let listGraphs = Operation(
        name: "ListGraphs", method: "POST", path: "/graphs/list",
        input: .structure(members: [
            "NextToken": .text(min: 1, max: 1024), "MaxResults": .integer(min: 1, max: 200),
        ]))

    static let startInvestigation = Operation(
        name: "StartInvestigation", method: "POST", path: "/investigations/startInvestigation",
        input: .structure(
            members: [
                "GraphArn": graphARN, "EntityArn": entityARN, "ScopeStartTime": .timestamp,
                "ScopeEndTime": .timestamp,
            ],
            required: ["GraphArn", "EntityArn", "ScopeStartTime", "ScopeEndTime"]))

    static let getInvestigation = Operation(
        name: "GetInvestigation", method: "POST", path: "/investigations/getInvestigation",
        input: .structure(
            members: ["GraphArn": graphARN, "InvestigationId": investigationID],
            required: ["GraphArn", "InvestigationId"]))

    static let listIndicators = Operation(
        name: "ListIndicators", method: "POST", path: "/investigations/listIndicators",
        input: .structure(
            members: [
                "GraphArn": graphARN, "InvestigationId": investigationID,
                "IndicatorType": .enumeration(indicatorTypes),
                "NextToken": .text(min: 1, max: 2048), "MaxResults": .integer(min: 1, max: 100),
            ],
            required: ["GraphArn", "InvestigationId"]))

    static let listInvestigations = Operation(
        name: "ListInvestigations", method: "POST", path: "/investigations/listInvestigations",
        input: .structure(
            members: [
                "GraphArn": graphARN, "NextToken": .text(min: 1, max: 2048),
                "MaxResults": .integer(min: 1, max: 100),
                "FilterCriteria": .structure(members: [
                    "Severity": stringFilter, "Status": stringFilter, "State": stringFilter,
                    "EntityArn": stringFilter,
                    "CreatedTime": .structure(
                        members: ["StartInclusive": .timestamp, "EndInclusive": .timestamp],
                        required: ["StartInclusive", "EndInclusive"]),
                ]),
                "SortCriteria": .structure(members: [
                    "Field": .enumeration(["SEVERITY", "STATUS", "CREATED_TIME"]),
                    "SortOrder": .enumeration(["ASC", "DESC"]),
                ]),
            ],
            required: ["GraphArn"]))

    static let stringFilter = Shape.structure(
        members: ["Value": .text(min: 1, max: 500)], required: ["Value"])

    /// Every operation served, in the order the README lists them.
    static let operations = [
        listGraphs, startInvestigation, getInvestigation, listIndicators, listInvestigations,
    ]

    /// The shape a scenario's indicator must have to be a valid `Indicator` of the model.
    static let indicator = Shape.structure(
        members: [
            "IndicatorType": .enumeration(indicatorTypes),
            "IndicatorDetail": .structure(members: [
                "TTPsObservedDetail": .structure(members: [
                    "Tactic": .text(), "Technique": .text(), "Procedure": .text(),
                    "IpAddress": .text(), "APIName": .text(), "APISuccessCount": .integer(),
                    "APIFailureCount": .integer(),
                ]),
                "ImpossibleTravelDetail": .structure(members: [
                    "StartingIpAddress": .text(), "EndingIpAddress": .text(),
                    "StartingLocation": .text(), "EndingLocation": .text(),
                    "HourlyTimeDelta": .integer(),
                ]),
                "FlaggedIpAddressDetail": .structure(members: [
                    "IpAddress": .text(), "Reason": .enumeration(["AWS_THREAT_INTELLIGENCE"]),
                ]),
                "NewGeolocationDetail": .structure(members: [
                    "Location": .text(), "IpAddress": .text(), "IsNewForEntireAccount": .boolean,
                ]),
                "NewAsoDetail": .structure(members: [
                    "Aso": .text(), "IsNewForEntireAccount": .boolean,
                ]),
                "NewUserAgentDetail": .structure(members: [
                    "UserAgent": .text(), "IsNewForEntireAccount": .boolean,
                ]),
                "RelatedFindingDetail": .structure(members: [
                    "Arn": entityARN, "Type": .text(), "IpAddress": .text(),
                ]),
                "RelatedFindingGroupDetail": .structure(members: ["Id": .text()]),
            ]),
        ],
        required: ["IndicatorType", "IndicatorDetail"])
}
