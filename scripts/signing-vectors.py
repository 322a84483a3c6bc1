"""Usage: signing-vectors.py OUTPUT.json

Signs a table of Detective and Security Hub requests with botocore's own SigV4Auth and
AWSRequest, at fixed dates, and writes inputs and results as JSON for the Swift tests.
botocore is the independent peer: nothing here computes a signature itself.
"""

import datetime
import json
import sys
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

# AWS's documented example key pair and a made-up token: nothing here is a real credential.
ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
TEMPORARY_KEY_ID = "ASIAIOSFODNN7EXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = (
    "IQoJb3JpZ2luX2VjEXAMPLEtokenFQoGZXIvYXdzEBYaDFAKEFAKEFAKE//////////"
    "wEaCXVzLWVhc3QtMSJHMEUCIQD+EXAMPLE+signing+vectors+only+not+a+real+token=="
)

PARTITIONS = {
    "us-east-1": ("aws", "amazonaws.com"),
    "eu-west-2": ("aws", "amazonaws.com"),
    "cn-north-1": ("aws-cn", "amazonaws.com.cn"),
    "us-gov-west-1": ("aws-us-gov", "amazonaws.com"),
}

DATES = [
    "2026-12-03T17:40:00Z",
    "2024-02-29T23:59:59Z",
    "2025-12-31T23:59:59Z",
    "2026-01-01T00:00:00Z",
    "2023-07-04T09:05:07Z",
]


def host(service, region):
    suffix = PARTITIONS[region][1]
    if service == "detective":
        return f"api.detective.{region}.{suffix}"
    return f"securityhub.{region}.{suffix}"


def graph_arn(region):
    partition = PARTITIONS[region][0]
    return f"arn:{partition}:detective:{region}:111122223333:graph:0123456789abcdef0123456789abcdef"


def operations(region):
    partition = PARTITIONS[region][0]
    graph = graph_arn(region)
    role = f"arn:{partition}:iam::111122223333:role/service-role/Ops-Admin.Role@2024"
    finding = (
        f"arn:{partition}:guardduty:{region}:111122223333:detector/12abc34d567e8fa901bc2d34e56789f0"
        "/finding/a1b2c3d4e5f60718293a4b5c6d7e8f90"
    )
    product = f"arn:{partition}:securityhub:{region}::product/aws/guardduty"
    return [
        ("detective", "StartInvestigation", "POST", "/investigations/startInvestigation", "", {
            "GraphArn": graph,
            "EntityArn": role,
            "ScopeStartTime": "2026-12-02T17:35:00.000Z",
            "ScopeEndTime": "2026-12-03T17:35:00.000Z",
        }),
        ("detective", "GetInvestigation", "POST", "/investigations/getInvestigation", "", {
            "GraphArn": graph,
            "InvestigationId": "000000000000000000001",
        }),
        ("detective", "ListIndicators", "POST", "/investigations/listIndicators", "", {
            "GraphArn": graph,
            "InvestigationId": "000000000000000000001",
            "IndicatorType": "TTP_OBSERVED",
            "MaxResults": 100,
            "NextToken": "eyJwYWdlIjogMn0=",
        }),
        ("detective", "ListInvestigations", "POST", "/investigations/listInvestigations", "", {
            "GraphArn": graph,
            "FilterCriteria": {"EntityArn": {"Value": role}},
            "SortCriteria": {"Field": "CREATED_TIME", "SortOrder": "DESC"},
            "MaxResults": 50,
        }),
        ("detective", "ListGraphs", "POST", "/graphs/list", "", {"MaxResults": 200}),
        ("securityhub", "BatchUpdateFindings", "PATCH", "/findings/batchupdate", "", {
            "FindingIdentifiers": [{"Id": finding, "ProductArn": product}],
            "Note": {
                "Text": "Détective : comportement anormal — 異常な動作を検出 ✓ "
                "(Ärger, Straße, ñandú) 🚨 https://console.aws.amazon.com/detective/",
                "UpdatedBy": "InvestigateWithDetective",
            },
            "UserDefinedFields": {
                "investigate": "complete",
                "detective_indicators": "TTP_OBSERVED,FLAGGED_IP_ADDRESS",
                "detective_summary": "Zusammenfassung: „unmöglicher Ortswechsel“ "
                "São Paulo → Zürich",
            },
        }),
        ("securityhub", "GetFindings", "POST", "/findings", "", {
            "Filters": {
                "ProductName": [{"Value": "GuardDuty", "Comparison": "EQUALS"}],
                "ResourceType": [{"Value": "AwsIamAccessKey", "Comparison": "EQUALS"}],
                "UserDefinedFields": [
                    {"Key": "investigate", "Value": "true", "Comparison": "EQUALS"}
                ],
            },
            "MaxResults": 10,
        }),
    ]


def extra_operations(region):
    """Requests beyond the product's own, for the encodings a plain POST never exercises."""
    partition = PARTITIONS[region][0]
    action = f"arn:{partition}:securityhub:{region}:111122223333:action/custom/investigate"
    encoded = action.replace(":", "%3A")
    product = f"arn:{partition}:securityhub:{region}::product/aws/guardduty".replace(":", "%3A")
    product = product.replace("/", "%2F")
    return [
        # A path parameter arrives percent-encoded; non-S3 signing encodes it again.
        ("securityhub", "DeleteActionTarget", "DELETE", f"/actionTargets/{encoded}", "", None),
        # A query string, unsorted, with encoded characters.
        ("securityhub", "DescribeProducts", "GET", "/products",
         f"ProductArn={product}&MaxResults=25&NextToken=abc%2Bdef%3D%3D", None),
        # A made-up resource name with a space and non-ASCII, encoded on the wire.
        ("detective", "ListTagsForResource", "GET",
         f"/tags/arn%3A{partition}%3Adetective%3A{region}%3A111122223333%3Agraph"
         "%3A%C3%A9t%C3%A9%20x",
         "", None),
    ]


def sign(index, service, operation, method, path, query, body, region, with_token, date):
    key_id = TEMPORARY_KEY_ID if with_token else ACCESS_KEY_ID
    credentials = Credentials(key_id, SECRET_ACCESS_KEY, SESSION_TOKEN if with_token else None)
    headers = [("Host", host(service, region))]
    body_text = ""
    if body is not None:
        body_text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        headers.append(("Content-Type", "application/json"))
    url = f"https://{host(service, region)}{path}" + (f"?{query}" if query else "")

    request = AWSRequest(method=method, url=url, data=body_text.encode("utf-8"))
    for name, value in headers:
        request.headers[name] = value

    fixed = datetime.datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ")
    auth = botocore.auth.SigV4Auth(credentials, service, region)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=fixed):
        auth.add_auth(request)

    # The stages again, on a copy without Authorization, for readable test failures.
    stages = AWSRequest(method=method, url=url, data=body_text.encode("utf-8"))
    for name, value in request.headers.items():
        if name.lower() != "authorization":
            stages.headers[name] = value
    stages.context["timestamp"] = request.context["timestamp"]
    canonical = auth.canonical_request(stages)
    string_to_sign = auth.string_to_sign(stages, canonical)

    return {
        "name": f"{index:02d} {service} {operation} {region}" + (" token" if with_token else ""),
        "service": service,
        "region": region,
        "date": date,
        "accessKeyID": key_id,
        "secretAccessKey": SECRET_ACCESS_KEY,
        "sessionToken": SESSION_TOKEN if with_token else None,
        "method": method,
        "path": path,
        "query": query,
        "headers": [[name, value] for name, value in headers],
        "body": body_text,
        "expected": {
            "X-Amz-Date": request.headers["X-Amz-Date"],
            "X-Amz-Security-Token": request.headers.get("X-Amz-Security-Token"),
            "Authorization": request.headers["Authorization"],
            "canonicalRequest": canonical,
            "stringToSign": string_to_sign,
        },
    }


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    vectors = []
    index = 0
    for region in PARTITIONS:
        for with_token in (False, True):
            for service, operation, method, path, query, body in operations(region):
                vectors.append(sign(index, service, operation, method, path, query, body,
                                    region, with_token, DATES[index % len(DATES)]))
                index += 1
        for service, operation, method, path, query, body in extra_operations(region):
            vectors.append(sign(index, service, operation, method, path, query, body,
                                region, index % 2 == 0, DATES[index % len(DATES)]))
            index += 1

    document = {
        "generator": f"scripts/signing-vectors.py with botocore {botocore.__version__}",
        "vectors": vectors,
    }
    with open(sys.argv[1], "w", encoding="utf-8") as output:
        json.dump(document, output, ensure_ascii=False, indent=2)
        output.write("\n")
    print(f"wrote {len(vectors)} vectors to {sys.argv[1]}")


if __name__ == "__main__":
    main()
