"""Transforms template.yaml with aws-sam-translator (what CloudFormation's AWS::Serverless transform runs) and
resolves the result for given parameter values the way CloudFormation would: Conditions evaluated, resources
whose condition is false dropped, Fn::If and AWS::NoValue resolved. Other intrinsics (Ref, GetAtt, Sub) stay."""
import copy
import json
import os
import sys

from cfnlint.decode import decode
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator

NO_VALUE = object()


def load(path):
    template, errors = decode(path)
    if errors:
        raise SystemExit(f"cannot read {path}: {errors}")
    return json.loads(json.dumps(template, default=str))  # plain dicts, no cfn-lint node types


def translate(template, parameters):
    """The CloudFormation template the SAM transform makes for these parameter values."""
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # SAM needs a region for ARNs; no call is made
    template = copy.deepcopy(template)
    for resource in template["Resources"].values():  # what `sam package` does: local code becomes an S3 object
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and not str(props.get("CodeUri")).startswith("s3://"):
            props["CodeUri"] = "s3://packaged-code/" + str(props.get("CodeUri"))
    return Translator(None, Parser()).translate(template, parameter_values=dict(parameters),
                                                 get_managed_policy_map=lambda: {})


def resolve(template, parameters):
    """The transformed template with its conditions applied for these parameter values."""
    values = {name: spec.get("Default") for name, spec in template.get("Parameters", {}).items()}
    values.update(parameters)
    conditions = {}

    def condition(name):
        if name not in conditions:
            conditions[name] = truth(template["Conditions"][name])
        return conditions[name]

    def truth(expr):
        (fn, arg), = expr.items()
        if fn == "Fn::Equals":
            return value(arg[0]) == value(arg[1])
        if fn == "Fn::Not":
            return not truth(arg[0])
        if fn == "Fn::And":
            return all(truth(a) for a in arg)
        if fn == "Fn::Or":
            return any(truth(a) for a in arg)
        if fn == "Condition":
            return condition(arg)
        raise ValueError(f"condition {expr}")

    def value(x):
        if isinstance(x, dict) and set(x) == {"Ref"} and x["Ref"] in values:
            v = values[x["Ref"]]
            ptype = template["Parameters"][x["Ref"]].get("Type")
            return v.split(",") if ptype == "CommaDelimitedList" and isinstance(v, str) else v
        if isinstance(x, dict) and set(x) in ({"Fn::Equals"}, {"Fn::Not"}, {"Condition"}):
            return truth(x)
        if isinstance(x, dict) and set(x) == {"Fn::Join"}:
            sep, items = x["Fn::Join"]
            items = value(items)
            return sep.join(str(value(i)) for i in items) if isinstance(items, list) else x
        return x

    def walk(x):
        if isinstance(x, dict):
            if set(x) == {"Fn::If"}:
                name, yes, no = x["Fn::If"]
                return walk(yes if condition(name) else no)
            if x == {"Ref": "AWS::NoValue"}:
                return NO_VALUE
            out = {}
            for k, v in x.items():
                v = walk(v)
                if v is not NO_VALUE:
                    out[k] = v
            return out
        if isinstance(x, list):
            return [w for w in (walk(i) for i in x) if w is not NO_VALUE]
        return x

    resolved = copy.deepcopy(template)
    for section in ("Resources", "Outputs"):
        kept = {}
        for name, item in resolved.get(section, {}).items():
            if "Condition" in item and not condition(item["Condition"]):
                continue
            kept[name] = walk(item)
        resolved[section] = kept
    resolved["ResolvedParameters"] = values
    return resolved


def main(argv):
    """transform.py TEMPLATE [Name=Value ...]: prints the transformed, resolved template as JSON."""
    parameters = dict(a.split("=", 1) for a in argv[1:])
    template = load(argv[0])
    json.dump(resolve(translate(template, parameters), parameters), sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
