import JSON

/// What `BatchUpdateFindings` writes to one finding.
struct FindingUpdate: Sendable, Hashable {
    /// The parts of the request shared by findings written alike.
    struct Payload: Sendable, Hashable {
        var note: FindingNote?
        var fields: [String: String]
    }

    var identifier: FindingIdentifier
    var payload: Payload

    init(identifier: FindingIdentifier, payload: Payload) {
        self.identifier = identifier
        self.payload = payload
    }

    /// The update for `result`, keeping a note someone else wrote.
    init(finding: Finding, result: FindingResult, functionName: String) {
        identifier = finding.identifier
        var ours: [String: String] = ["investigate": result.outcome.rawValue]
        if let investigation = result.investigation {
            ours["detective_investigation_id"] = investigation.investigationID
            ours["detective_severity"] = investigation.severity
            ours["detective_indicators"] = investigation.indicators?.typesField
        }
        if result.outcome == .skipped || result.outcome == .failed {
            ours["detective_reason"] = result.reason.map {
                NoteText.cut($0, to: NoteText.fieldLimit)
            }
        }

        var note: FindingNote?
        if let investigation = result.investigation, result.outcome != .skipped {
            let link = investigation.investigationID.flatMap {
                NoteText.reportLink(region: investigation.region, investigationID: $0)
            }
            let body = NoteText.body(for: investigation)
            if let existing = finding.note, existing.updatedBy != functionName {
                ours["detective_summary"] = NoteText.fitted(
                    body: body, link: link, limit: NoteText.fieldLimit)
            } else {
                note = FindingNote(
                    text: NoteText.fitted(body: body, link: link, limit: NoteText.noteLimit),
                    updatedBy: functionName)
            }
        }

        // The service rejects empty values; the finding's fields go first so ours win.
        // TODO: a finding already holding 50 fields makes the update fail; none is dropped.
        var fields = finding.userDefinedFields
        for (key, value) in ours where !value.allSatisfy(\.isWhitespace) {
            fields[key] = value
        }
        payload = Payload(
            note: note, fields: fields.filter { !$0.value.allSatisfy(\.isWhitespace) })
    }
}

extension FindingUpdate.Payload {
    /// The request members other than `FindingIdentifiers`.
    var requestMembers: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "UserDefinedFields": .object(fields.mapValues(JSONValue.string))
        ]
        if let note = note {
            members["Note"] = ["Text": .string(note.text), "UpdatedBy": .string(note.updatedBy)]
        }
        return members
    }
}
