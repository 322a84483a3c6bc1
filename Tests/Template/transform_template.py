#!/usr/bin/env python3
"""Writes the CloudFormation template the SAM transform makes of a SAM template.

Usage: transform_template.py SAM_TEMPLATE OUTPUT_JSON

CloudFormation runs the same transform (aws-sam-translator) when the stack deploys, so
linting its output checks the resources that really get created. Local code locations are
replaced by an S3 location first, as `sam package` or `aws cloudformation package` would.
"""

import json
import os
import sys

from cfnlint.decode import decode
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """The template names no managed policies by name, so none need looking up in IAM."""

    def load(self):
        return {}


def main(source, destination):
    template, problems = decode(source)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(
            properties.get("CodeUri"), str
        ):
            properties["CodeUri"] = "s3://example-artifacts/bootstrap.zip"
    # The translator needs a region for pseudo parameters; it makes no AWS calls here.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    transformed = transform(template, {}, NoManagedPolicies())
    with open(destination, "w", encoding="utf-8") as handle:
        json.dump(transformed, handle, indent=2, default=str)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
