import JSON
import Testing

@testable import Enrichment

@Suite("Summarising Detective indicators")
struct IndicatorSummaryTests {
    private func publicIndicators() throws -> [JSONValue] {
        try #require(Fixtures.json("findings/detective_data.json")[0]?["Indicators"]?.arrayValue)
    }

    @Test("the thesis investigation: counts by type, tactics, techniques, travel, places")
    func publicInvestigation() throws {
        let summary = IndicatorSummary(indicators: try publicIndicators())
        let counts = Dictionary(uniqueKeysWithValues: summary.counts.map { ($0.type, $0.count) })
        #expect(counts["NEW_GEOLOCATION"] == 3)
        #expect(counts["IMPOSSIBLE_TRAVEL"] == 2)
        #expect(counts["NEW_ASO"] == 1)
        #expect(counts["NEW_USER_AGENT"] == 14)
        #expect(counts["TTP_OBSERVED"] == 12)
        #expect(
            summary.typesField
                == "TTP_OBSERVED,IMPOSSIBLE_TRAVEL,NEW_GEOLOCATION,NEW_ASO,NEW_USER_AGENT")
        #expect(summary.tactics.contains("Impact"))
        #expect(summary.tactics.contains("Persistence"))
        #expect(
            summary.techniques == [
                "IAM Password Policy Manipulation", "AWS Systems Manager Run Command",
            ])
        #expect(summary.newGeolocations == ["Columbus, US", "US"])
        #expect(summary.impossibleTravel == ["Columbus, US to US"])
        #expect(summary.newASOs == ["AMAZON-02"])
        #expect(summary.text.hasPrefix("Indicators: 12 TTPs observed (tactics: "))
        #expect(summary.text.contains("2 impossible travel (Columbus, US to US)"))
    }

    @Test("flagged addresses, related findings and types the model may add later")
    func otherTypes() {
        let indicators: [JSONValue] = [
            [
                "IndicatorType": "FLAGGED_IP_ADDRESS",
                "IndicatorDetail": [
                    "FlaggedIpAddressDetail": [
                        "IpAddress": "198.51.100.7", "Reason": "AWS_THREAT_INTELLIGENCE",
                    ]
                ],
            ],
            [
                "IndicatorType": "RELATED_FINDING",
                "IndicatorDetail": ["RelatedFindingDetail": ["Arn": "arn:aws:guardduty:x"]],
            ],
            ["IndicatorType": "RELATED_FINDING_GROUP", "IndicatorDetail": [:]],
            ["IndicatorType": "NEW_THING", "IndicatorDetail": [:]],
            ["IndicatorDetail": [:]],
            "garbage",
        ]
        let summary = IndicatorSummary(indicators: indicators)
        #expect(summary.flaggedIPs == ["198.51.100.7"])
        #expect(
            summary.typesField
                == "FLAGGED_IP_ADDRESS,RELATED_FINDING,RELATED_FINDING_GROUP,NEW_THING")
        #expect(
            summary.text
                == "Indicators: 1 flagged IP (198.51.100.7); 1 related finding; "
                + "1 related finding group; 1 NEW_THING.")
    }

    @Test("no indicators says so")
    func empty() {
        let summary = IndicatorSummary(indicators: [])
        #expect(summary.text == "No indicators.")
        #expect(summary.typesField.isEmpty)
    }
}
