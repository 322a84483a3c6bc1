#!/usr/bin/env python3
"""Checks template.yaml's EventBridge patterns with EventBridge's own matching engine.

The patterns are read from template.yaml (through cfn-lint's CloudFormation YAML loader), the
events are real Security Hub events from fixtures/, and the matcher is event-ruler. The
template's Security Hub resources are also checked against what SPEC.md says they declare.

Run it with the venv scripts/check-template.sh makes: .venv/bin/python <this file>.
"""

import copy
import json
import sys
from pathlib import Path

import event_ruler
from cfnlint.decode import decode

HERE = Path(__file__).resolve().parent
TEMPLATE_PATH = HERE.parent.parent / "template.yaml"
FIXTURES = HERE / "fixtures"

IMPORTED = "Security Hub Findings - Imported"
CUSTOM_ACTION = "Security Hub Findings - Custom Action"


def load_template():
    template, problems = decode(str(TEMPLATE_PATH))
    if problems:
        raise AssertionError(f"template.yaml does not parse: {problems}")
    return template


# Filled by setup(), so that a template the checks cannot even read is one reported failure.
TEMPLATE = {}
RESOURCES = {}


def resource_of_type(resource_type):
    """The one resource of the given type; a second one would make these checks ambiguous."""
    found = [name for name, body in RESOURCES.items() if body["Type"] == resource_type]
    assert len(found) == 1, f"expected one {resource_type}, found {found}"
    return found[0], RESOURCES[found[0]]




def action_arn(event):
    """The ARN Security Hub gives our custom action in the event's account and region."""
    action_id = ACTION["Properties"]["Id"]
    return f"arn:aws:securityhub:{event['region']}:{event['account']}:action/custom/{action_id}"


def resolve(value, event):
    """Replaces the intrinsic functions a pattern may hold; any other one fails the test."""
    if isinstance(value, list):
        return [resolve(item, event) for item in value]
    if isinstance(value, dict):
        if set(value) == {"Fn::GetAtt"}:
            target = value["Fn::GetAtt"]
            if isinstance(target, str):
                target = target.split(".", 1)
            assert target == [ACTION_NAME, "ActionTargetArn"], f"unexpected GetAtt {target}"
            return action_arn(event)
        assert not any(key.startswith("Fn::") or key == "Ref" for key in value), value
        return {key: resolve(item, event) for key, item in value.items()}
    return value


def rule_by_detail_type(detail_type):
    rules = [
        (name, body)
        for name, body in RESOURCES.items()
        if body["Type"] == "AWS::Events::Rule"
        and detail_type in body["Properties"]["EventPattern"].get("detail-type", [])
    ]
    assert len(rules) == 1, f"expected one rule for {detail_type!r}, found {len(rules)}"
    return rules[0]


def setup():
    global TEMPLATE, RESOURCES, ACTION_NAME, ACTION
    global IMPORTED_RULE_NAME, IMPORTED_RULE, CUSTOM_RULE_NAME, CUSTOM_RULE
    TEMPLATE = load_template()
    RESOURCES = TEMPLATE["Resources"]
    ACTION_NAME, ACTION = resource_of_type("AWS::SecurityHub::ActionTarget")
    IMPORTED_RULE_NAME, IMPORTED_RULE = rule_by_detail_type(IMPORTED)
    CUSTOM_RULE_NAME, CUSTOM_RULE = rule_by_detail_type(CUSTOM_ACTION)


def matches(rule, event):
    pattern = resolve(rule["Properties"]["EventPattern"], event)
    return event_ruler.test_event_pattern(json.dumps(event), json.dumps(pattern))


def matched_rules(event):
    """Names of the template's rules that would send this event to the function."""
    return {
        name
        for name, rule in ((IMPORTED_RULE_NAME, IMPORTED_RULE), (CUSTOM_RULE_NAME, CUSTOM_RULE))
        if matches(rule, event)
    }


def fixture(name):
    with open(FIXTURES / name, encoding="utf-8") as handle:
        return json.load(handle)


def with_investigate(event, value):
    """A copy of the event whose findings carry investigate = value (None removes the field)."""
    changed = copy.deepcopy(event)
    for finding in changed["detail"]["findings"]:
        fields = dict(finding.get("UserDefinedFields") or {})
        fields.pop("investigate", None)
        if value is not None:
            fields["investigate"] = value
        if fields:
            finding["UserDefinedFields"] = fields
        else:
            finding.pop("UserDefinedFields", None)
    return changed


def sent_by_our_action(event):
    changed = copy.deepcopy(event)
    changed["resources"] = [action_arn(event)]
    return changed


# Imported findings


def test_flagged_imported_guardduty_finding_matches_only_the_imported_rule():
    event = with_investigate(fixture("imported-guardduty-ec2.json"), "true")
    assert event["detail-type"] == IMPORTED
    assert matched_rules(event) == {IMPORTED_RULE_NAME}


def test_flagged_finding_with_other_fields_still_matches():
    event = fixture("imported-guardduty-ec2.json")
    event["detail"]["findings"][0]["UserDefinedFields"] = {"owner": "team-a"}
    event = with_investigate(event, "true")
    assert event["detail"]["findings"][0]["UserDefinedFields"]["owner"] == "team-a"
    assert matched_rules(event) == {IMPORTED_RULE_NAME}


def test_imported_findings_in_any_other_state_match_no_rule():
    base = fixture("imported-guardduty-ec2.json")
    for value in ["complete", "skipped", "failed", "running", None, "TRUE", "false", ""]:
        event = with_investigate(base, value)
        assert matched_rules(event) == set(), f"investigate={value!r} matched"


def test_unflagged_original_event_matches_no_rule():
    for name in ["imported-guardduty-ec2.json", "imported-securityhub-control.json"]:
        assert matched_rules(fixture(name)) == set(), name


def test_event_with_one_flagged_finding_among_several_matches():
    event = fixture("imported-guardduty-ec2.json")
    done = with_investigate(event, "complete")["detail"]["findings"][0]
    flagged = with_investigate(event, "true")["detail"]["findings"][0]
    event["detail"]["findings"] = [done, flagged]
    assert matched_rules(event) == {IMPORTED_RULE_NAME}


def test_flagged_finding_from_another_source_matches_no_rule():
    event = with_investigate(fixture("imported-guardduty-ec2.json"), "true")
    event["source"] = "custom.securityhub"
    assert matched_rules(event) == set()


# Custom actions


def test_our_custom_action_matches_only_the_custom_action_rule():
    event = sent_by_our_action(fixture("custom-action-guardduty-iam.json"))
    assert event["detail-type"] == CUSTOM_ACTION
    assert matched_rules(event) == {CUSTOM_RULE_NAME}


def test_our_custom_action_on_a_flagged_finding_invokes_once():
    # A flagged finding sent by the action must not also match the imported rule.
    event = sent_by_our_action(fixture("custom-action-guardduty-iam.json"))
    event = with_investigate(event, "true")
    assert matched_rules(event) == {CUSTOM_RULE_NAME}


def test_our_custom_action_matches_whatever_the_finding_says():
    event = sent_by_our_action(fixture("custom-action-guardduty-iam.json"))
    for value in ["complete", "skipped", "failed", "running", None]:
        assert matched_rules(with_investigate(event, value)) == {CUSTOM_RULE_NAME}, value


def test_other_custom_actions_match_no_rule():
    for name in ["custom-action-guardduty-iam.json", "custom-action-other-action.json"]:
        event = fixture(name)
        assert event["resources"] != [action_arn(event)], name
        assert matched_rules(event) == set(), name
        assert matched_rules(with_investigate(event, "true")) == set(), name


def test_an_action_with_our_id_elsewhere_matches_no_rule():
    ours = sent_by_our_action(fixture("custom-action-guardduty-iam.json"))
    pattern = json.dumps(resolve(CUSTOM_RULE["Properties"]["EventPattern"], ours))
    assert event_ruler.test_event_pattern(json.dumps(ours), pattern)
    for place in [{"account": "999999999999"}, {"region": "eu-west-1"}]:
        foreign = copy.deepcopy(ours)
        foreign["resources"] = [action_arn({**ours, **place})]
        assert not event_ruler.test_event_pattern(json.dumps(foreign), pattern), place


def test_insight_results_event_matches_no_rule_even_with_our_arn():
    event = sent_by_our_action(fixture("insight-results.json"))
    assert event["detail-type"] == "Security Hub Insight Results"
    assert matched_rules(event) == set()


# What SPEC.md says the template declares


def filters(criteria, field):
    return sorted(
        (entry.get("Key", ""), entry["Comparison"], entry["Value"]) for entry in criteria[field]
    )


def test_automation_rule_flags_what_the_spec_says():
    _, rule = resource_of_type("AWS::SecurityHub::AutomationRule")
    properties = rule["Properties"]
    criteria = properties["Criteria"]
    assert set(criteria) == {"ProductName", "SeverityLabel", "ResourceType", "UserDefinedFields"}
    assert filters(criteria, "ProductName") == [("", "EQUALS", "GuardDuty")]
    assert filters(criteria, "SeverityLabel") == [("", "EQUALS", "HIGH"), ("", "EQUALS", "MEDIUM")]
    assert filters(criteria, "ResourceType") == [
        ("", "EQUALS", "AwsIamAccessKey"),
        ("", "EQUALS", "AwsIamRole"),
        ("", "EQUALS", "AwsIamUser"),
    ]
    assert filters(criteria, "UserDefinedFields") == [
        ("investigate", "NOT_EQUALS", "complete"),
        ("investigate", "NOT_EQUALS", "skipped"),
    ]
    assert properties["Actions"] == [
        {
            "Type": "FINDING_FIELDS_UPDATE",
            "FindingFieldsUpdate": {"UserDefinedFields": {"investigate": "true"}},
        }
    ]
    assert properties.get("RuleStatus", "ENABLED") == "ENABLED"


def test_custom_action_and_insight_are_the_spec_ones():
    assert ACTION["Properties"] == {
        "Id": "investigate",
        "Name": "Investigate",
        "Description": "Investigate with Detective",
    }
    _, insight = resource_of_type("AWS::SecurityHub::Insight")
    properties = insight["Properties"]
    assert properties["Name"] == "Investigated Resources"
    assert properties["GroupByAttribute"] == "ResourceId"
    assert set(properties["Filters"]) == {"UserDefinedFields", "RecordState"}
    assert filters(properties["Filters"], "UserDefinedFields") == [
        ("investigate", "EQUALS", "complete")
    ]
    assert filters(properties["Filters"], "RecordState") == [("", "EQUALS", "ACTIVE")]


def test_both_rules_target_the_function_with_a_permission_each():
    function_name, _ = resource_of_type("AWS::Serverless::Function")
    permissions = [
        body["Properties"]
        for body in RESOURCES.values()
        if body["Type"] == "AWS::Lambda::Permission"
    ]
    for rule_name, rule in [(IMPORTED_RULE_NAME, IMPORTED_RULE), (CUSTOM_RULE_NAME, CUSTOM_RULE)]:
        targets = rule["Properties"]["Targets"]
        assert [target["Arn"] for target in targets] == [{"Fn::GetAtt": [function_name, "Arn"]}]
        granted = [
            permission
            for permission in permissions
            if permission["SourceArn"] == {"Fn::GetAtt": [rule_name, "Arn"]}
        ]
        assert len(granted) == 1, rule_name
        assert granted[0]["Principal"] == "events.amazonaws.com"
        assert granted[0]["FunctionName"] == {"Ref": function_name}
        queue = targets[0]["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]
        assert RESOURCES[queue]["Type"] == "AWS::SQS::Queue", rule_name


def test_function_is_the_spec_one():
    function_name, function = resource_of_type("AWS::Serverless::Function")
    properties = function["Properties"]
    assert properties["Runtime"] == "provided.al2023"
    assert properties["Handler"] == "bootstrap"
    assert properties["Timeout"] == 900
    # scripts/package.sh writes the zip here.
    assert properties["CodeUri"] == "dist/bootstrap.zip"
    assert properties["Architectures"] == [{"Ref": "Architecture"}]
    parameters = TEMPLATE["Parameters"]
    assert parameters["Architecture"]["AllowedValues"] == ["x86_64", "arm64"]
    assert "ReservedConcurrentExecutions" in properties
    settings = set(properties["Environment"]["Variables"])
    assert {
        "DETECTIVE_GRAPH_ARN",
        "INVESTIGATION_LOOKBACK_HOURS",
        "INVESTIGATION_POLL_SECONDS",
        "INVESTIGATION_DEADLINE_MARGIN_SECONDS",
        "INVESTIGATION_CONCURRENCY",
        "INVESTIGATION_MAX_SCOPE_DAYS",
        "INVESTIGATION_REUSE_MINUTES",
    } <= settings
    defaults = {
        "InvestigationLookbackHours": "24",
        "InvestigationPollSeconds": "10",
        "InvestigationDeadlineMarginSeconds": "20",
        "InvestigationConcurrency": 5,
        "InvestigationMaxScopeDays": 30,
        "InvestigationReuseMinutes": 60,
    }
    for name, default in defaults.items():
        assert str(parameters[name]["Default"]) == str(default), name
    log_group_name, log_group = resource_of_type("AWS::Logs::LogGroup")
    assert log_group["Properties"]["LogGroupName"] == {"Fn::Sub": "/aws/lambda/${FunctionName}"}
    assert properties["FunctionName"] == {"Ref": "FunctionName"}
    assert properties["LoggingConfig"]["LogGroup"] == {"Ref": log_group_name}
    assert "RetentionInDays" in log_group["Properties"]
    _, invoke_config = resource_of_type("AWS::Lambda::EventInvokeConfig")
    invoke = invoke_config["Properties"]
    assert invoke["FunctionName"] == {"Ref": function_name}
    assert invoke["MaximumRetryAttempts"] == 2
    queue = invoke["DestinationConfig"]["OnFailure"]["Destination"]["Fn::GetAtt"][0]
    assert RESOURCES[queue]["Properties"]["SqsManagedSseEnabled"] is True


def walk_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_strings(item)


def test_no_arn_names_a_literal_partition():
    literal = [text for text in walk_strings(TEMPLATE) if "arn:aws:" in text]
    assert literal == [], literal


def test_only_list_graphs_is_granted_on_every_resource():
    _, role = resource_of_type("AWS::IAM::Role")
    unscoped = []
    for policy in role["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            resources = statement["Resource"]
            resources = resources if isinstance(resources, list) else [resources]
            actions = statement["Action"]
            actions = actions if isinstance(actions, list) else [actions]
            if "*" in resources:
                unscoped.extend(actions)
            assert all("*" not in action for action in actions), actions
    assert unscoped == ["detective:ListGraphs"]


def main():
    tests = [
        (name, function)
        for name, function in globals().items()
        if name.startswith("test_") and callable(function)
    ]
    try:
        setup()
    except Exception as error:  # the template itself is wrong: nothing else can be checked
        print(f"FAIL setup: {type(error).__name__}: {error}")
        print(f"0 passed, {len(tests)} failed")
        return 1
    failed = 0
    for name, function in tests:
        try:
            function()
        except Exception as error:  # a failing check of any kind is reported, not raised
            failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}")
        else:
            print(f"ok   {name}")
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
