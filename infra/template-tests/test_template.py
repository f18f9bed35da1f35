"""Tests of the deployed shape: template.yaml transformed by aws-sam-translator (as CloudFormation's SAM
transform does) and resolved for each parameter combination, default first. Run: python3 -m unittest
discover -s infra/template-tests (from the project root); .ci/run does."""
import json
import os
import unittest

from transform import load, resolve, translate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE = os.path.join(ROOT, "template.yaml")
EXTERNAL = {"JwtIssuer": "https://issuer.example", "JwtAudience": "articles-web,articles-app"}
# Default first, then each alternative, then every combination of the choices that change resources.
SEARCH = {"Search": "enabled"}
COMBINATIONS = [{}, {"WriteAccess": "public"}, EXTERNAL, {**EXTERNAL, "WriteAccess": "public"},
                {"AlarmEmail": "oncall@example.org"}, {"Architecture": "x86_64"}, SEARCH,
                {**EXTERNAL, "WriteAccess": "public", "AlarmEmail": "oncall@example.org", "Architecture": "x86_64"},
                {**EXTERNAL, "WriteAccess": "public", "AlarmEmail": "oncall@example.org", "Architecture": "x86_64", **SEARCH}]
WRITE_METHODS = {"post", "patch", "put", "delete"}
# Previews show drafts and scheduled articles: protected as writes are.
PREVIEW_PREFIX = "/preview/"
SECRET_TYPE = "AWS::SecretsManager::Secret"


def name(parameters):
    return ",".join(f"{k}={v}" for k, v in parameters.items()) or "defaults"


class TransformedTemplateTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.source = load(TEMPLATE)
        cls.stacks = [(p, resolve(translate(cls.source, p), p)) for p in COMBINATIONS]

    def of_type(self, stack, type_):
        return {k: v for k, v in stack["Resources"].items() if v["Type"] == type_}

    def api(self, stack):
        (api,) = self.of_type(stack, "AWS::ApiGatewayV2::Api").values()
        return api["Properties"]["Body"]

    def write_operations(self, body):
        for path, item in body["paths"].items():
            for method, operation in item.items():
                if method in WRITE_METHODS or method == "x-amazon-apigateway-any-method" and path != "$default":
                    yield f"{method.upper()} {path}", operation

    def preview_operations(self, body):
        for path, item in body["paths"].items():
            for method, operation in item.items():
                if path.startswith(PREVIEW_PREFIX):
                    yield f"{method.upper()} {path}", operation

    def test_every_write_and_preview_route_needs_the_jwt_authorizer_of_the_chosen_issuer(self):
        for parameters, stack in self.stacks:
            with self.subTest(name(parameters)):
                body = self.api(stack)
                protected = {**dict(self.write_operations(body)), **dict(self.preview_operations(body))}
                self.assertIn("POST /articles", protected)
                self.assertIn("GET /preview/articles", protected)
                self.assertIn("GET /preview/articles/{id}", protected)
                public = parameters.get("WriteAccess") == "public"
                for route, operation in protected.items():
                    self.assertEqual(operation.get("security"), [] if public else [{"JwtAuthorizer": []}], route)
                authorizer = body["components"]["securitySchemes"]["JwtAuthorizer"]["x-amazon-apigateway-authorizer"]
                self.assertEqual(authorizer["type"], "jwt")
                jwt = authorizer["jwtConfiguration"]
                if "JwtIssuer" in parameters:
                    self.assertEqual(jwt["issuer"], {"Ref": "JwtIssuer"})
                    self.assertEqual(jwt["audience"], {"Ref": "JwtAudience"})
                    self.assertNotIn("UserPool", stack["Resources"])
                else:
                    self.assertEqual(jwt["issuer"],
                                     {"Fn::Sub": "https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${UserPool}"})
                    self.assertEqual(jwt["audience"], [{"Ref": "UserPoolClient"}])
                    pool = stack["Resources"]["UserPool"]["Properties"]
                    self.assertTrue(pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"], "no self sign-up")
                    group = stack["Resources"]["EditorsGroup"]["Properties"]
                    self.assertEqual(group["GroupName"], {"Ref": "EditorGroup"})
                    self.assertEqual({"UserPoolId", "UserPoolClientId", "JwtIssuerUrl"} - set(stack["Outputs"]), set())

    def test_reads_and_the_fallback_route_stay_public(self):
        for parameters, stack in self.stacks:
            with self.subTest(name(parameters)):
                for path, item in self.api(stack)["paths"].items():
                    for method, operation in item.items():
                        if method == "get" and not path.startswith(PREVIEW_PREFIX) or path == "$default":
                            self.assertFalse(operation.get("security"), f"{method} {path}")

    def test_stage_throttles_every_route_and_writes_harder(self):
        for parameters, stack in self.stacks:
            with self.subTest(name(parameters)):
                (stage,) = self.of_type(stack, "AWS::ApiGatewayV2::Stage").values()
                props = stage["Properties"]
                self.assertEqual(props["DefaultRouteSettings"]["ThrottlingRateLimit"], {"Ref": "ThrottlingRateLimit"})
                self.assertEqual(props["DefaultRouteSettings"]["ThrottlingBurstLimit"], {"Ref": "ThrottlingBurstLimit"})
                for route, _ in self.write_operations(self.api(stack)):
                    settings = props["RouteSettings"][route]
                    self.assertEqual(settings["ThrottlingRateLimit"], {"Ref": "WriteThrottlingRateLimit"}, route)
                    self.assertEqual(settings["ThrottlingBurstLimit"], {"Ref": "WriteThrottlingBurstLimit"}, route)
        params = self.source["Parameters"]
        self.assertLess(int(params["WriteThrottlingRateLimit"]["Default"]), int(params["ThrottlingRateLimit"]["Default"]))

    def test_every_function_logs_json_to_its_own_group_with_retention_and_is_traced(self):
        for parameters, stack in self.stacks:
            with self.subTest(name(parameters)):
                groups = self.of_type(stack, "AWS::Logs::LogGroup")
                for fid, fn in self.of_type(stack, "AWS::Lambda::Function").items():
                    props = fn["Properties"]
                    self.assertEqual(props["LoggingConfig"]["LogFormat"], "JSON", fid)
                    group = props["LoggingConfig"]["LogGroup"]["Ref"]
                    self.assertEqual(groups[group]["Properties"]["RetentionInDays"], {"Ref": "LogRetentionDays"}, fid)
                    self.assertEqual(props["TracingConfig"], {"Mode": "Active"}, fid)
                    self.assertEqual(props["Architectures"], [{"Ref": "Architecture"}], fid)
        self.assertEqual(self.source["Parameters"]["LogRetentionDays"]["Default"], 30)

    def test_alarms_cover_the_api_each_function_and_the_table_and_go_to_the_topic(self):
        for parameters, stack in self.stacks:
            with self.subTest(name(parameters)):
                alarms = self.of_type(stack, "AWS::CloudWatch::Alarm").values()
                self.assertTrue(self.of_type(stack, "AWS::SNS::Topic"))
                for alarm in alarms:
                    self.assertEqual(alarm["Properties"]["AlarmActions"], [{"Ref": "AlarmTopic"}])
                watched = json.dumps(list(alarms))
                self.assertIn('"MetricName": "5xx"', watched)
                self.assertIn('"MetricName": "ThrottledRequests"', watched)
                # The EMF metric functions/http's CleanUpWarnings writes, per write function.
                for fid in ("CreateArticleFunction", "EditArticleFunction", "DeleteArticleFunction"):
                    self.assertIn('{"Namespace": "Articles", "MetricName": "UnfinishedCleanUps", "Dimensions": '
                                  '[{"Name": "function", "Value": {"Ref": "%s"}}]}' % fid, watched)
                for fid, fn in self.of_type(stack, "AWS::Lambda::Function").items():
                    # A function that runs one at a time by design (the indexer) is throttled routinely, losing
                    # nothing; its lag alarm says when it falls behind instead.
                    single = fn["Properties"].get("ReservedConcurrentExecutions") == 1
                    for metric in ("Errors",) if single else ("Errors", "Throttles"):
                        self.assertTrue(any(a["Properties"].get("MetricName") == metric
                                            and a["Properties"]["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": fid}}]
                                            for a in alarms), f"{fid} {metric}")
                    if single:
                        self.assertIn('"Namespace": "Articles", "MetricName": "SearchIndexLagSeconds", "Dimensions": '
                                      '[{"Name": "function", "Value": {"Ref": "%s"}}]' % fid, watched)
                        # A rebuild reports the time since it began, so one that never finishes breaches; a run
                        # that fails or never ends reports nothing, which must breach too.
                        lag = next(a["Properties"] for a in alarms if a["Properties"].get("MetricName") == "SearchIndexLagSeconds")
                        self.assertEqual((lag["Threshold"], lag["ComparisonOperator"], lag["TreatMissingData"]),
                                         (60, "GreaterThanThreshold", "breaching"))
                subscriptions = self.of_type(stack, "AWS::SNS::Subscription")
                self.assertEqual(bool(subscriptions), "AlarmEmail" in parameters)

    def test_no_function_environment_holds_a_secret(self):
        for parameters, stack in self.stacks:
            with self.subTest(name(parameters)):
                for fid, fn in self.of_type(stack, "AWS::Lambda::Function").items():
                    variables = fn["Properties"].get("Environment", {}).get("Variables", {})
                    text = json.dumps(variables)
                    self.assertNotIn("{{resolve:", text, fid)
                    for var, value in variables.items():
                        if isinstance(value, dict):  # a reference: only to a secret's ARN (Ref), never its value
                            self.assertTrue(set(value) <= {"Ref", "Fn::GetAtt", "Fn::Sub"}, f"{fid} {var}")
                        if "KEY" in var or "SECRET" in var and "SECRET_ID" not in var:
                            self.assertEqual(value, "", f"{fid} {var} must stay empty in AWS (local runs only)")

    def test_each_function_may_read_only_its_own_secret(self):
        for parameters, stack in self.stacks:
            with self.subTest(name(parameters)):
                secrets = set(self.of_type(stack, SECRET_TYPE))
                for fid, fn in self.of_type(stack, "AWS::Lambda::Function").items():
                    named = {v["Ref"] for v in fn["Properties"].get("Environment", {}).get("Variables", {}).values()
                             if isinstance(v, dict) and v.get("Ref") in secrets}
                    role = stack["Resources"][fn["Properties"]["Role"]["Fn::GetAtt"][0]]["Properties"]
                    readable = set()
                    for policy in role.get("Policies", []):
                        for statement in policy["PolicyDocument"]["Statement"]:
                            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
                            if any(a.startswith("secretsmanager:") for a in actions):
                                self.assertEqual(actions, ["secretsmanager:GetSecretValue"], fid)
                                resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
                                for resource in resources:
                                    self.assertIsInstance(resource, dict, f"{fid}: a secret by Ref, never a wildcard")
                                    readable.add(resource["Ref"])
                    for arn in role.get("ManagedPolicyArns", []):
                        self.assertNotIn("SecretsManager", json.dumps(arn), fid)
                    self.assertEqual(readable, named, fid)

    # --- Search: a domain only where Search=enabled, private, encrypted, reachable by the two functions' roles only.

    def role_statements(self, stack, fid):
        role = stack["Resources"][stack["Resources"][fid]["Properties"]["Role"]["Fn::GetAtt"][0]]["Properties"]
        return [s for p in role.get("Policies", []) for s in p["PolicyDocument"]["Statement"]]

    def es_statements(self, stack, fid):
        return [s for s in self.role_statements(stack, fid) if any(a.startswith("es:") for a in s["Action"])]

    def test_search_disabled_builds_no_engine_and_the_route_answers_501(self):
        for parameters, stack in self.stacks:
            if parameters.get("Search") == "enabled":
                continue
            with self.subTest(name(parameters)):
                types = {v["Type"] for v in stack["Resources"].values()}
                for absent in ("AWS::OpenSearchService::Domain", "AWS::EC2::VPC", "AWS::EC2::Subnet",
                               "AWS::EC2::SecurityGroup", "AWS::EC2::VPCEndpoint", "AWS::Lambda::EventSourceMapping",
                               "AWS::Events::Rule"):
                    self.assertNotIn(absent, types)
                self.assertNotIn("IndexArticlesFunction", stack["Resources"])
                self.assertNotIn("StreamSpecification", stack["Resources"]["ArticlesTable"]["Properties"])
                self.assertNotIn("SearchDomainEndpoint", stack["Outputs"])
                search = stack["Resources"]["SearchArticlesFunction"]["Properties"]
                self.assertEqual(search["Environment"]["Variables"]["SEARCH_ENDPOINT"], "")
                self.assertNotIn("VpcConfig", search)
                self.assertEqual(self.es_statements(stack, "SearchArticlesFunction"), [])
                self.assertIn("/articles/search", self.api(stack)["paths"])

    def test_search_enabled_builds_a_private_encrypted_domain(self):
        for parameters, stack in self.stacks:
            if parameters.get("Search") != "enabled":
                continue
            with self.subTest(name(parameters)):
                resources = stack["Resources"]
                domain = resources["SearchDomain"]["Properties"]
                self.assertTrue(domain["EngineVersion"].startswith("OpenSearch_"))
                self.assertEqual(domain["ClusterConfig"]["InstanceCount"], 1)
                self.assertEqual(domain["EBSOptions"], {"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 10})
                self.assertEqual(domain["EncryptionAtRestOptions"], {"Enabled": True})
                self.assertEqual(domain["NodeToNodeEncryptionOptions"], {"Enabled": True})
                self.assertTrue(domain["DomainEndpointOptions"]["EnforceHTTPS"])
                self.assertTrue(domain["DomainEndpointOptions"]["TLSSecurityPolicy"].startswith("Policy-Min-TLS-1-2"))
                # VPCOptions: no public endpoint; the network has no way to or from the internet.
                self.assertEqual(domain["VPCOptions"]["SecurityGroupIds"], [{"Ref": "SearchDomainSecurityGroup"}])
                types = [v["Type"] for v in resources.values()]
                for absent in ("AWS::EC2::InternetGateway", "AWS::EC2::NatGateway", "AWS::EC2::VPCGatewayAttachment",
                               "AWS::EC2::Route", "AWS::EC2::EIP"):
                    self.assertNotIn(absent, types)
                ingress = resources["SearchDomainSecurityGroup"]["Properties"]["SecurityGroupIngress"]
                self.assertEqual([(r["FromPort"], r["ToPort"], r["SourceSecurityGroupId"]) for r in ingress],
                                 [(443, 443, {"Ref": "SearchFunctionSecurityGroup"})])
                subnets = [resources[s]["Properties"]["AvailabilityZone"] for s in ("SearchSubnetA", "SearchSubnetB")]
                self.assertNotEqual(subnets[0], subnets[1])
                self.assertEqual(resources["ArticlesTable"]["Properties"]["StreamSpecification"], {"StreamViewType": "KEYS_ONLY"})
                self.assertEqual(stack["Outputs"]["SearchDomainEndpoint"]["Value"],
                                 {"Fn::Sub": "https://${SearchDomain.DomainEndpoint}"})
                for fid in ("SearchArticlesFunction", "IndexArticlesFunction"):
                    props = resources[fid]["Properties"]
                    self.assertEqual(props["Environment"]["Variables"]["SEARCH_ENDPOINT"],
                                     {"Fn::Sub": "https://${SearchDomain.DomainEndpoint}"}, fid)
                    self.assertEqual(props["Environment"]["Variables"]["SEARCH_INDEX"], "articles", fid)
                    self.assertEqual(props["VpcConfig"]["SecurityGroupIds"], [{"Ref": "SearchFunctionSecurityGroup"}], fid)

    def test_only_the_two_search_roles_reach_the_domain_each_with_its_own_policy(self):
        for parameters, stack in self.stacks:
            if parameters.get("Search") != "enabled":
                continue
            with self.subTest(name(parameters)):
                statements = stack["Resources"]["SearchDomain"]["Properties"]["AccessPolicies"]["Statement"]
                granted = {}
                for s in statements:
                    self.assertEqual(s["Effect"], "Allow")
                    (role, _), = [s["Principal"]["AWS"]["Fn::GetAtt"]]
                    granted.setdefault(role, []).append((s["Action"], s["Resource"]))
                self.assertEqual(set(granted), {"SearchArticlesFunctionRole", "IndexArticlesFunctionRole"})
                # The domain's policy and each role's own say the same: neither widens the other.
                for fid in ("SearchArticlesFunction", "IndexArticlesFunction"):
                    own = [(s["Action"], s["Resource"]) for s in self.es_statements(stack, fid)]
                    self.assertEqual(own, granted[fid + "Role"], fid)

                def paths(resources):
                    return [r["Fn::Sub"][0].split("${Domain}", 1)[1] for r in resources]
                # The search function only reads: searches and points in time (opened, closed) of the article index.
                (search, close) = granted["SearchArticlesFunctionRole"]
                self.assertEqual(search[0], ["es:ESHttpPost"])
                self.assertEqual(paths(search[1]), ["/articles*/_search", "/articles*/_search/point_in_time", "/_search"])
                self.assertEqual(close[0], ["es:ESHttpDelete"])
                self.assertEqual(paths(close[1]), ["/_search/point_in_time"])
                ((actions, _),) = granted["IndexArticlesFunctionRole"]
                self.assertTrue(set(actions) <= {"es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut",
                                                 "es:ESHttpDelete"}, actions)

    def test_the_indexer_reads_the_feed_and_article_items_and_writes_only_its_cursor_item(self):
        for parameters, stack in self.stacks:
            if parameters.get("Search") != "enabled":
                continue
            with self.subTest(name(parameters)):
                dynamo = [s for s in self.role_statements(stack, "IndexArticlesFunction")
                          if any(a.startswith("dynamodb:") for a in s["Action"])]
                self.assertEqual(dynamo, [
                    {"Effect": "Allow", "Action": ["dynamodb:Query"],
                     "Resource": {"Fn::Sub": "${ArticlesTable.Arn}/index/ByChange"}},
                    {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
                     "Resource": {"Fn::GetAtt": ["ArticlesTable", "Arn"]},
                     "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["INDEXER#search"]}}},
                    {"Effect": "Allow", "Action": ["dynamodb:GetItem"],
                     "Resource": {"Fn::GetAtt": ["ArticlesTable", "Arn"]},
                     "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["ARTICLE#*"]}}}])
                indexer = stack["Resources"]["IndexArticlesFunction"]["Properties"]
                self.assertEqual(indexer["ReservedConcurrentExecutions"], 1)
                self.assertEqual(indexer["Handler"], "dev.articles.index.IndexArticlesHandler::handleRequest")
                (mapping,) = self.of_type(stack, "AWS::Lambda::EventSourceMapping").values()
                mapping = mapping["Properties"]
                self.assertEqual(mapping["EventSourceArn"], {"Fn::GetAtt": ["ArticlesTable", "StreamArn"]})
                self.assertEqual(mapping["StartingPosition"], "LATEST")
                (pattern,) = mapping["FilterCriteria"]["Filters"]
                self.assertEqual(json.loads(pattern["Pattern"]),
                                 {"dynamodb": {"Keys": {"pk": {"S": [{"prefix": "ARTICLE#"}]}, "sk": {"S": ["ARTICLE"]}}}})
                (rule,) = self.of_type(stack, "AWS::Events::Rule").values()
                self.assertEqual(rule["Properties"]["ScheduleExpression"], "rate(1 minute)")


if __name__ == "__main__":
    unittest.main()
