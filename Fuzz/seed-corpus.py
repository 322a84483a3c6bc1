#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/Corpus/<target>/ from the project's own fixtures.

events:          the EventBridge events of Tests/EnrichmentTests/Fixtures/events, the bare
                 findings of .../Fixtures/findings put in an envelope, and every event of the
                 scenarios/ files, built as the sandbox builds them; all minified.
aws-errors:      error answers as the ErrorResponse tests and the sandbox's stand-ins write
                 them (status line, header lines, empty line, body).
runtime-headers: GET next header values as the LambdaContext tests and the Runtime API
                 emulator send them, one per line, then a small event.

Run from anywhere: python3 Fuzz/seed-corpus.py. Output is deterministic.
"""
import hashlib
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"
FIXTURES = ROOT / "Tests" / "EnrichmentTests" / "Fixtures"


def minified(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def envelope(detail_type, findings, region, action=None):
    detail = {"findings": findings}
    if action:
        detail["actionName"] = action
        detail["actionDescription"] = "Investigate with Detective"
    return {
        "version": "0",
        "id": "1c3a7c8e-0f6b-4d1a-9e3c-5b2f1d0e9a87",
        "detail-type": detail_type,
        "source": "aws.securityhub",
        "account": "111122223333",
        "time": "2025-11-20T09:30:00Z",
        "region": region,
        "resources": [],
        "detail": detail,
    }


def event_seeds():
    seeds = {}
    for path in sorted((FIXTURES / "events").glob("*.json")):
        seeds["fixture-" + path.stem] = minified(json.loads(path.read_text()))

    bare = []
    for name in ("security_hub_finding", "guardduty-user-guide_typical-finding_ec2-sshbruteforce"):
        bare.append((name, json.loads((FIXTURES / "findings" / f"{name}.json").read_text())))
    bare.append(
        ("finding_enrichment",
         json.loads((FIXTURES / "findings" / "finding_enrichment.json").read_text())
         ["SecurityHubFinding"]))
    listed = json.loads((FIXTURES / "findings" / "securityhub.GetFindings_1.json").read_text())
    for index, finding in enumerate(listed["data"]["Findings"][:2]):
        bare.append((f"GetFindings_1-{index}", finding))
    for name, finding in bare:
        imported = envelope("Security Hub Findings - Imported", [finding], "us-east-1")
        seeds["finding-" + name] = minified(imported)

    for path in sorted((ROOT / "scenarios").glob("*.json")):
        if path.stem.startswith("bench-"):
            continue  # hundreds of findings: too large to mutate usefully
        scenario = json.loads(path.read_text())
        by_id = {finding["Id"]: finding for finding in scenario["findings"]}
        for index, event in enumerate(scenario["events"]):
            findings = [by_id[identifier] for identifier in event["findings"]
                        if identifier in by_id]
            wrapped = envelope(event["detailType"], findings, scenario["securityHubRegion"],
                               event.get("actionName"))
            seeds[f"scenario-{path.stem}-{index}"] = minified(wrapped)
    return seeds


def error_answer(status, headers, body):
    lines = [str(status)] + [f"{name}: {value}" for name, value in headers]
    return ("\n".join(lines) + "\n\n").encode() + body


def aws_error_seeds():
    cases = [
        (400, [], b'{"__type":"ValidationException","message":"bad"}'),
        (400, [("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/")],
         b'{"Message":"slow"}'),
        (400, [("x-amzn-ErrorType", "aws.protocols#TooManyRequestsException")], b"{}"),
        (400, [], b'{"__type":"com.amazon.coral.service#AccessDeniedException:x","Message":"no"}'),
        (500, [], b'{"code":"InternalError","message":"m"}'),
        (409, [], b'{"Code":"ConflictException","Message":"c"}'),
        (503, [("Content-Type", "text/html")], b"<html>busy</html>"),
        (500, [], b""),
        # The sandbox's stand-ins: Detective writes `message`, Security Hub `Message` and `Code`.
        (400, [("Content-Type", "application/json"), ("x-amzn-ErrorType", "ValidationException")],
         b'{"ErrorCode":"INVALID_REQUEST_BODY","ErrorCodeReason":"x","message":"bad scope"}'),
        (400, [("x-amzn-ErrorType", "InvalidInputException")],
         b'{"Code":"InvalidInputException","Message":"too many"}'),
        (404, [("x-amzn-errortype", "ResourceNotFoundException")],
         b'{"message":"no such graph"}'),
        (429, [("X-Amzn-ErrorType", "TooManyRequestsException")],
         b'{"message":"Rate exceeded"}'),
    ]
    return {f"answer-{index:02d}": error_answer(*case) for index, case in enumerate(cases)}


def runtime_header_seeds():
    event = b'{"detail-type":"Security Hub Findings - Imported","source":"aws.securityhub"}'
    cases = [
        ["52fdfc07-2182-454f-963f-5f0f9a621d72", "1700000000000",
         "arn:aws:lambda:us-east-1:123456789012:function:f",
         "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", '{"client":{}}',
         '{"cognitoIdentityId":"id"}'],
        ["r", "4102444800000", "arn:aws:lambda:us-east-1:123456789012:function:f",
         "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=9a9197af755a6419;Sampled=1"],
        ["r", "soon"],
        ["", "1700000000000"],
        ["r"],
    ]
    seeds = {}
    for index, values in enumerate(cases):
        text = "\n".join(values).encode()
        if len(values) == 6:
            text += b"\n" + event
        seeds[f"headers-{index:02d}"] = text
    return seeds


def write(target, seeds):
    directory = CORPUS / target
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for name, data in sorted(seeds.items()):
        (directory / name).write_bytes(data)
    digest = hashlib.sha256(b"".join(seeds[name] for name in sorted(seeds))).hexdigest()[:12]
    print(f"{target}: {len(seeds)} seeds, {sum(map(len, seeds.values()))} bytes, {digest}")


if __name__ == "__main__":
    write("events", event_seeds())
    write("aws-errors", aws_error_seeds())
    write("runtime-headers", runtime_header_seeds())
