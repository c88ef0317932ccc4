#!/usr/bin/env python3
"""AWS Foundational Security Best Practices controls, and the links cfn-lint cannot see, read from the templates.

    python3 infra/fsbp_controls.py              the control table of infra/*.yaml and ecs-task-defs/*.json
    python3 infra/fsbp_controls.py --self-test  also break a copy in a temporary folder, one control at a time,
                                                and prove that each break is caught

Exits 1 when any control fails (or, with --self-test, when a break goes unnoticed). Needs PyYAML only.
Controls are checked on the templates as written (their parameter defaults), which is what infra/deploy deploys;
what only exists at run time (the default security group's rules, EC2.2) is checked by infra/check on the emulator.
"""
import copy
import json
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in infra/
import cfnyaml  # noqa: E402

SERVICES = ["user-service", "book-service", "image-service", "notification-service", "gateway"]
MYSQL_SERVICES = {"user-service": "users", "book-service": "catalog", "image-service": "images"}
TITLES = {"user-service": "UserService", "book-service": "BookService", "image-service": "ImageService",
          "notification-service": "NotificationService", "gateway": "Gateway"}
TEMPLATES = ["registry.yaml", "core.yaml", "data.yaml", "tasks.yaml", "services.yaml"]
# Actions that have no resource to name (IAM service authorization reference).
NO_RESOURCE_ACTIONS = {"ecr:GetAuthorizationToken"}
RECOMMENDED_TLS_POLICIES = {"ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                            "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"}
# Names of variables that hold secrets (FSBP ECS.8 looks for AWS keys and ECS_ENGINE_AUTH_DATA; this is stricter).
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|PRIVATE_KEY|ACCESS_KEY_ID|SECRET_ACCESS_KEY|TOKEN|AUTH_CLIENTS|AUTH_DATA)$")
FARGATE_SIZES = {"256": range(512, 2049, 512), "512": range(1024, 4097, 1024), "1024": range(2048, 8193, 1024),
                 "2048": range(4096, 16385, 1024), "4096": range(8192, 30721, 1024)}
# docker-compose variables that only exist locally: endpoints of the stand-ins, their static keys, the secrets file.
LOCAL_ONLY = re.compile(r"ENDPOINT_OVERRIDE|CREDENTIALS_STATIC|PATH_STYLE_ACCESS|CONFIG_LOCATIONS|CREDENTIALS_TYPE$")

# Considered and not applied, with the reason (printed under the table; they do not fail the run).
NOT_APPLIED = [
    ("RDS.23", "MySQL keeps port 3306: only the db-clients security group reaches it, a port change hides nothing"),
    ("SecretsManager.1", "the RDS master secret rotates (RDS-managed); the JWT key, client secrets and SMTP key have "
                         "no rotation function yet: rotate them by hand (infra/README.md)"),
    ("S3.1", "account-wide Block Public Access is an account setting, not this application's: every bucket here "
             "blocks public access itself (S3.8); infra/README.md asks the operator to turn on the account setting"),
    ("ELB.16/WAF", "not in FSBP; an AWS WAF web ACL can be associated with the load balancer later"),
    ("ECS.16, ECS.17, EC2.8, AutoScaling.*, Lambda.*, CloudTrail.*", "no task sets, EC2 instances, Lambda functions "
                                                                     "here; trails are account-wide"),
]


class Rows:
    def __init__(self):
        self.rows = []

    def add(self, control, resource, ok, detail=""):
        self.rows.append((control, resource, bool(ok), detail))

    def failed(self):
        return [r for r in self.rows if not r[2]]


# ---------------------------------------------------------------------------------------------------- helpers
def sub_text(node, env="stacks"):
    """A plain or !Sub string with ${Env} filled (other variables left as they are), else None."""
    if isinstance(node, str):
        return node
    if isinstance(node, dict) and "Fn::Sub" in node:
        value = node["Fn::Sub"]
        if isinstance(value, list):
            value = value[0]
        return value.replace("${Env}", env)
    return None


def ref(node):
    return node.get("Ref") if isinstance(node, dict) else None


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def statements(policy_document):
    return as_list((policy_document or {}).get("Statement"))


def default(template, node):
    """The value of a Ref to a parameter (its default), or the node itself."""
    name = ref(node)
    if name and name in (template.get("Parameters") or {}):
        return template["Parameters"][name].get("Default")
    return node


def truthy(value):
    return value is True or str(value).lower() == "true"


class Model:
    """The templates and task definitions of one repository root."""

    def __init__(self, root):
        self.root = root
        self.t = {name: cfnyaml.load(os.path.join(root, "infra", name)) for name in TEMPLATES}
        self.td = {}
        for service in SERVICES:
            with open(os.path.join(root, "ecs-task-defs", f"{service}.json"), encoding="utf-8") as f:
                self.td[service] = json.load(f)
        compose = os.path.join(root, "docker-compose.yml")
        self.compose = cfnyaml.load(compose) if os.path.exists(compose) else None
        # Export name (with ${Env} filled) -> (template, output value node)
        self.exports = {}
        for name, template in self.t.items():
            for output in (template.get("Outputs") or {}).values():
                export = (output.get("Export") or {}).get("Name")
                if export is not None:
                    self.exports[sub_text(export)] = (name, output["Value"])

    def resources(self, type_=None):
        for name, template in self.t.items():
            for logical, resource in cfnyaml.resources(template, type_):
                yield name, logical, resource

    def imported(self, node):
        """What a Fn::ImportValue points at: (template name, value node), or (None, None)."""
        if isinstance(node, dict) and "Fn::ImportValue" in node:
            return self.exports.get(sub_text(node["Fn::ImportValue"]), (None, None))
        return None, None

    def imported_ref(self, node):
        _, value = self.imported(node)
        return ref(value) if value is not None else None

    def container(self, service):
        return self.td[service]["containerDefinitions"][0]


# ---------------------------------------------------------------------------------------------------- checks
def check_ecs(m, rows):
    for service in SERVICES:
        td, c = m.td[service], m.container(service)
        where = f"ecs-task-defs/{service}.json"
        rows.add("ECS.1", where, td.get("networkMode") == "awsvpc", f"networkMode {td.get('networkMode')}")
        rows.add("ECS.3", where, td.get("pidMode") != "host", "no host PID namespace")
        rows.add("ECS.4", where, c.get("privileged") is not True, "not privileged")
        writable = [mp["containerPath"] for mp in c.get("mountPoints", []) if not mp.get("readOnly")]
        rows.add("ECS.5", where, c.get("readonlyRootFilesystem") is True and writable == ["/tmp"],
                 f"read-only root, writable only {writable}")
        bad = [e["name"] for e in c.get("environment", []) if SECRET_NAME.search(e["name"])
               or "BEGIN" in e.get("value", "") or ":secret:" in e.get("value", "")]
        rows.add("ECS.8", where, not bad, "no secret in environment" if not bad else f"secrets in environment: {bad}")
        log = c.get("logConfiguration") or {}
        rows.add("ECS.9", where, log.get("logDriver") == "awslogs" and log.get("options", {}).get("awslogs-group"),
                 f"{log.get('logDriver')} to {log.get('options', {}).get('awslogs-group')}")
        user = str(c.get("user", ""))
        rows.add("ECS.20", where, user not in ("", "0", "root") and not user.startswith("0:"), f"user {user or 'unset'}")
    for _, logical, svc in m.resources("AWS::ECS::Service"):
        p = svc["Properties"]
        public = p.get("NetworkConfiguration", {}).get("AwsvpcConfiguration", {}).get("AssignPublicIp")
        rows.add("ECS.2", logical, public == "DISABLED", f"AssignPublicIp {public}")
        rows.add("ECS.10", logical, p.get("LaunchType") != "FARGATE" or p.get("PlatformVersion") == "LATEST",
                 f"platform {p.get('PlatformVersion')}")
    for _, logical, cluster in m.resources("AWS::ECS::Cluster"):
        settings = {s["Name"]: s["Value"] for s in cluster["Properties"].get("ClusterSettings", [])}
        rows.add("ECS.12", logical, settings.get("containerInsights") in ("enabled", "enhanced"),
                 f"containerInsights {settings.get('containerInsights')}")


def check_s3(m, rows):
    policies = {}
    for _, _, policy in m.resources("AWS::S3::BucketPolicy"):
        policies[ref(policy["Properties"]["Bucket"])] = policy["Properties"]["PolicyDocument"]
    for template, logical, bucket in m.resources("AWS::S3::Bucket"):
        p = bucket["Properties"]
        block = p.get("PublicAccessBlockConfiguration") or {}
        all_blocked = all(block.get(k) is True for k in
                          ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
        rows.add("S3.8", logical, all_blocked, "all four Block Public Access settings")
        policy = policies.get(logical)
        public = [s for s in statements(policy) if s.get("Effect") == "Allow" and s.get("Principal") in ("*", {"AWS": "*"})]
        rows.add("S3.2/S3.3", logical, not public and "Public" not in str(p.get("AccessControl", "")),
                 "no public read or write")
        tls = [s for s in statements(policy) if s.get("Effect") == "Deny" and s.get("Principal") == "*"
               and (s.get("Condition") or {}).get("Bool", {}).get("aws:SecureTransport") == "false"
               and len(as_list(s.get("Resource"))) == 2]
        rows.add("S3.5", logical, bool(tls), "denies every request without TLS" if tls else "no TLS-only statement")
        foreign = [s for s in statements(policy) if s.get("Effect") == "Allow" and s.get("Principal") not in ("*",)
                   and set(as_list(s.get("Action"))) - {"s3:PutObject"}]
        rows.add("S3.6", logical, not foreign, "other principals may only deliver logs (s3:PutObject)")
        owner = [r.get("ObjectOwnership") for r in (p.get("OwnershipControls") or {}).get("Rules", [])]
        rows.add("S3.12", logical, owner == ["BucketOwnerEnforced"], "ACLs disabled")
        rows.add("S3.13", logical, bool((p.get("LifecycleConfiguration") or {}).get("Rules")), "lifecycle rules")
        rows.add("S3.14", logical, (p.get("VersioningConfiguration") or {}).get("Status") == "Enabled", "versioning")
        sse = (p.get("BucketEncryption") or {}).get("ServerSideEncryptionConfiguration", [{}])[0]
        algorithm = sse.get("ServerSideEncryptionByDefault", {}).get("SSEAlgorithm")
        is_alb_logs = any("access_logs.s3.bucket" == a.get("Key") for _, _, lb in
                          m.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
                          for a in lb["Properties"].get("LoadBalancerAttributes", [])
                          if m.imported_ref(a.get("Value")) == logical)
        if is_alb_logs:
            rows.add("S1.kms-at-rest", logical, algorithm == "AES256",
                     "SSE-S3: load-balancer access logs accept no KMS key (AWS limit)")
        else:
            rows.add("S1.kms-at-rest", logical, algorithm == "aws:kms" and
                     sse.get("ServerSideEncryptionByDefault", {}).get("KMSMasterKeyID"), f"{algorithm} with a KMS key")
            rows.add("S3.9", logical, bool(p.get("LoggingConfiguration")), "server access logs to the log bucket")


def check_rds(m, rows):
    for template, logical, db in m.resources("AWS::RDS::DBInstance"):
        t = m.t[template]
        p = db["Properties"]
        rows.add("RDS.2", logical, p.get("PubliclyAccessible") is False, "not publicly accessible")
        rows.add("RDS.3", logical, p.get("StorageEncrypted") is True and p.get("KmsKeyId"), "encrypted with a KMS key")
        rows.add("RDS.5", logical, truthy(default(t, p.get("MultiAZ"))), "Multi-AZ (default)")
        rows.add("RDS.6", logical, int(p.get("MonitoringInterval", 0)) > 0, f"enhanced monitoring {p.get('MonitoringInterval')} s")
        rows.add("RDS.8", logical, p.get("DeletionProtection") is True, "deletion protection")
        exports = set(p.get("EnableCloudwatchLogsExports", []))
        rows.add("RDS.9", logical, {"error", "slowquery"} <= exports, f"logs to CloudWatch: {sorted(exports)}")
        rows.add("RDS.10", logical, p.get("EnableIAMDatabaseAuthentication") is True, "IAM authentication enabled")
        retention = default(t, p.get("BackupRetentionPeriod"))
        rows.add("RDS.11", logical, int(retention or 0) >= 7, f"backups kept {retention} days")
        rows.add("RDS.13", logical, p.get("AutoMinorVersionUpgrade") is True, "automatic minor upgrades")
        rows.add("RDS.17", logical, p.get("CopyTagsToSnapshot") is True, "tags copied to snapshots")
        rows.add("X.db-secret", logical, p.get("ManageMasterUserPassword") is True and "MasterUserPassword" not in p,
                 "master password made and kept by RDS in Secrets Manager")
        group = p.get("DBParameterGroupName")
        cond = group.get("Fn::If") if isinstance(group, dict) else None
        parameters = None
        if cond:
            param = m.t[template]["Conditions"][cond[0]]["Fn::Equals"]
            chosen = cond[1] if default(t, param[0]) == param[1] else cond[2]
            parameters = m.t[template]["Resources"].get(ref(chosen) or "", {}).get("Properties", {}).get("Parameters")
        elif ref(group):
            parameters = m.t[template]["Resources"][ref(group)]["Properties"].get("Parameters")
        rows.add("X.db-tls", logical, (parameters or {}).get("require_secure_transport") == "1",
                 "refuses connections without TLS (parameter group, by default)")


def check_dynamodb(m, rows):
    for _, logical, table in m.resources("AWS::DynamoDB::Table"):
        p = table["Properties"]
        rows.add("DynamoDB.1", logical, p.get("BillingMode") == "PAY_PER_REQUEST", "on-demand capacity")
        rows.add("DynamoDB.2", logical, (p.get("PointInTimeRecoverySpecification") or {}).get("PointInTimeRecoveryEnabled") is True,
                 "point-in-time recovery")
        rows.add("DynamoDB.6", logical, p.get("DeletionProtectionEnabled") is True, "deletion protection")
        sse = p.get("SSESpecification") or {}
        rows.add("S1.kms-at-rest", logical, sse.get("SSEEnabled") is True and sse.get("SSEType") == "KMS"
                 and sse.get("KMSMasterKeyId"), "customer-managed KMS key")
        ttl = p.get("TimeToLiveSpecification") or {}
        rows.add("X.ttl", logical, ttl.get("Enabled") is True and ttl.get("AttributeName") == "expiresAt", "TTL on expiresAt")


def check_elb(m, rows):
    for _, logical, lb in m.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"):
        p = lb["Properties"]
        attrs = {a["Key"]: a["Value"] for a in p.get("LoadBalancerAttributes", [])}
        rows.add("ELB.4", logical, attrs.get("routing.http.drop_invalid_header_fields.enabled") == "true",
                 "drops invalid header fields")
        rows.add("ELB.5", logical, attrs.get("access_logs.s3.enabled") == "true" and attrs.get("access_logs.s3.bucket"),
                 "access logs to S3")
        rows.add("ELB.6", logical, attrs.get("deletion_protection.enabled") == "true", "deletion protection")
        rows.add("ELB.12", logical, attrs.get("routing.http.desync_mitigation_mode", "defensive") in ("defensive", "strictest"),
                 f"desync mitigation {attrs.get('routing.http.desync_mitigation_mode', 'defensive')}")
        subnets = p.get("Subnets", {})
        _, value = m.imported((subnets.get("Fn::Split") or [None, None])[1]) if isinstance(subnets, dict) else (None, None)
        count = len(value["Fn::Join"][1]) if isinstance(value, dict) and "Fn::Join" in value else 0
        rows.add("ELB.13", logical, count >= 2, f"{count} availability zones")
    for _, logical, listener in m.resources("AWS::ElasticLoadBalancingV2::Listener"):
        p = listener["Properties"]
        if p.get("Protocol") == "HTTP":
            actions = p.get("DefaultActions", [])
            ok = actions and all(a.get("Type") == "redirect" and a.get("RedirectConfig", {}).get("Protocol") == "HTTPS"
                                 for a in actions)
            rows.add("ELB.1", logical, ok, "HTTP redirects to HTTPS")
        elif p.get("Protocol") == "HTTPS":
            rows.add("ELB.17", logical, p.get("SslPolicy") in RECOMMENDED_TLS_POLICIES, f"TLS policy {p.get('SslPolicy')}")


def check_kms(m, rows):
    for _, logical, key in m.resources("AWS::KMS::Key"):
        rows.add("KMS.4", logical, key["Properties"].get("EnableKeyRotation") is True, "automatic rotation")


def iam_policies(m):
    """(template, owner, statement) of every identity policy the templates write."""
    for template, logical, resource in m.resources():
        p = resource.get("Properties") or {}
        if resource["Type"] in ("AWS::IAM::Role", "AWS::IAM::Group", "AWS::IAM::User"):
            for policy in p.get("Policies", []):
                for s in statements(policy.get("PolicyDocument")):
                    yield template, logical, s
        elif resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            for s in statements(p.get("PolicyDocument")):
                yield template, logical, s


def check_iam(m, rows):
    admin, wild_service, decrypt_all, star = [], [], [], []
    for _, owner, s in iam_policies(m):
        if s.get("Effect") != "Allow":
            continue
        actions = as_list(s.get("Action"))
        resources = as_list(s.get("Resource"))
        if "*" in actions and "*" in resources:
            admin.append(owner)
        wild_service += [f"{owner}:{a}" for a in actions if isinstance(a, str) and a.endswith(":*")]
        if "*" in resources and any(a in ("kms:Decrypt", "kms:ReEncryptFrom", "kms:*") for a in actions):
            decrypt_all.append(owner)
        if "*" in resources and set(actions) - NO_RESOURCE_ACTIONS:
            star.append(f"{owner}: {sorted(set(actions) - NO_RESOURCE_ACTIONS)}")
    rows.add("IAM.1", "all policies", not admin, "no *:* policy" if not admin else f"admin: {admin}")
    rows.add("IAM.21", "all policies", not wild_service, "no service:* action" if not wild_service else str(wild_service))
    rows.add("KMS.1/KMS.2", "all policies", not decrypt_all, "no kms:Decrypt on every key" if not decrypt_all else str(decrypt_all))
    rows.add("X.least-privilege", "all policies", not star,
             "Resource * only for ecr:GetAuthorizationToken (it has no resource)" if not star else str(star))
    for _, logical, user in m.resources("AWS::IAM::User"):
        p = user["Properties"]
        rows.add("IAM.2", logical, not p.get("Policies") and not p.get("ManagedPolicyArns"), "permissions only through a group")


def role_statements(m, logical):
    role = m.t["tasks.yaml"]["Resources"].get(logical)
    if role is None:
        return None
    return [s for policy in role["Properties"].get("Policies", []) for s in statements(policy["PolicyDocument"])]


def check_roles(m, rows):
    """Each service's task role reaches only its own table or bucket; each execution role reads exactly the secrets
    its task definition names."""
    expected = {"user-service": "user-tokens-table-arn", "notification-service": "deliveries-table-arn",
                "image-service": "images-bucket-arn"}
    for service in SERVICES:
        title = TITLES[service]
        task = role_statements(m, f"{title}TaskRole")
        names = set()
        for s in task or []:
            for r in as_list(s.get("Resource")):
                text = json.dumps(r)
                names |= set(re.findall(r"\$\{Env\}-([a-z-]+-arn)", text))
        want = {expected[service]} if service in expected else set()
        if service in ("user-service", "notification-service"):
            want.add("data-key-arn")
        if service == "image-service":
            want.add("images-key-arn")
        rows.add("X.task-role", f"{title}TaskRole", task is not None and names == want,
                 f"reaches {sorted(names) or 'no AWS resource'}")
        execution = role_statements(m, f"{title}ExecutionRole") or []
        granted = set()
        for s in execution:
            if "secretsmanager:GetSecretValue" in as_list(s.get("Action")):
                for r in as_list(s.get("Resource")):
                    text = sub_text(r)
                    if text:
                        granted.add(re.sub(r"^.*:secret:stacks/(.*)-\?{6}$", r"\1", text))
                    elif ref(r) == "DbSecretArn":
                        granted.add("<rds master>")
        used = set()
        for secret in m.container(service).get("secrets", []):
            match = re.match(r"\$\{SECRET:([^}]+)\}", secret["valueFrom"])
            used.add(match.group(1) if match else "<rds master>" if secret["valueFrom"].startswith("${DB_SECRET_ARN}") else secret["valueFrom"])
        rows.add("X.execution-role", f"{title}ExecutionRole", granted == used,
                 f"reads exactly its {len(used)} secrets" if granted == used else f"grants {sorted(granted)}, uses {sorted(used)}")


def check_secrets(m, rows):
    created = {}
    for _, logical, secret in m.resources("AWS::SecretsManager::Secret"):
        p = secret["Properties"]
        name = sub_text(p["Name"]).replace("stacks/", "", 1)
        created[name] = logical
        rows.add("S1.kms-at-rest", logical, bool(p.get("KmsKeyId")), "customer-managed KMS key")
    rds_managed = any(db["Properties"].get("ManageMasterUserPassword") is True
                      for _, _, db in m.resources("AWS::RDS::DBInstance"))
    for service in SERVICES:
        for secret in m.container(service).get("secrets", []):
            source = secret["valueFrom"]
            match = re.match(r"\$\{SECRET:([^}]+)\}", source)
            if match:
                ok, detail = match.group(1) in created, f"{match.group(1)} -> {created.get(match.group(1), 'not created')}"
            elif source.startswith("${DB_SECRET_ARN}"):
                ok, detail = rds_managed, "the RDS-managed master secret"
            else:
                ok, detail = False, f"{source}: not a secret the templates create"
            rows.add("X.secret-source", f"{service} {secret['name']}", ok, detail)


def check_network(m, rows):
    core = m.t["core.yaml"]["Resources"]
    for _, logical, subnet in m.resources("AWS::EC2::Subnet"):
        rows.add("EC2.15", logical, subnet["Properties"].get("MapPublicIpOnLaunch") is False, "no public IP on launch")
    flows = [f for _, _, f in m.resources("AWS::EC2::FlowLog") if ref(f["Properties"].get("ResourceId")) == "Vpc"]
    rows.add("EC2.6", "Vpc", bool(flows), "VPC flow logs")
    deploy = open(os.path.join(m.root, "infra", "deploy"), encoding="utf-8").read()
    rows.add("EC2.2", "Vpc default group", "revoke_security_group_ingress" in deploy and
             "DefaultSecurityGroup" in json.dumps(m.t["core.yaml"].get("Outputs", {})),
             "infra/deploy removes its rules (infra/check verifies it on the emulator)")
    open_ports = []
    for _, logical, sg in m.resources("AWS::EC2::SecurityGroup"):
        for rule in sg["Properties"].get("SecurityGroupIngress", []):
            if rule.get("CidrIp") == "0.0.0.0/0" or rule.get("CidrIpv6") == "::/0":
                open_ports.append((logical, rule.get("FromPort"), rule.get("ToPort")))
    for _, logical, rule in m.resources("AWS::EC2::SecurityGroupIngress"):
        p = rule["Properties"]
        if p.get("CidrIp") == "0.0.0.0/0" or p.get("CidrIpv6") == "::/0":
            open_ports.append((ref(p.get("GroupId")), p.get("FromPort"), p.get("ToPort")))
    bad = [o for o in open_ports if o[0] != "AlbSecurityGroup" or (o[1], o[2]) not in ((80, 80), (443, 443))]
    rows.add("EC2.18/EC2.19/EC2.53", "security groups", not bad,
             "only the load balancer is open, on 80 and 443" if not bad else f"open: {bad}")
    # Who may reach whom.
    ingress = {}
    for _, _, rule in m.resources("AWS::EC2::SecurityGroupIngress"):
        p = rule["Properties"]
        source = ref(p.get("SourceSecurityGroupId")) or p.get("CidrIp")
        ingress.setdefault(ref(p.get("GroupId")), set()).add((source, p.get("FromPort"), p.get("ToPort")))
    expect = {"GatewaySecurityGroup": {("AlbSecurityGroup", 8080, 8080)},
              "ServicesSecurityGroup": {("GatewaySecurityGroup", 8080, 8080), ("ServicesSecurityGroup", 8080, 8080)},
              "DbSecurityGroup": {("DbClientSecurityGroup", 3306, 3306)}}
    for group, want in expect.items():
        inline = core.get(group, {}).get("Properties", {}).get("SecurityGroupIngress", [])
        got = ingress.get(group, set())
        rows.add("X.tiers", group, got == want and not inline, f"accepts only {sorted(str(x) for x in got)}")
    # Which services carry the database-client group.
    for _, logical, svc in m.resources("AWS::ECS::Service"):
        p = svc["Properties"]
        groups = {m.imported_ref(g) for g in p["NetworkConfiguration"]["AwsvpcConfiguration"]["SecurityGroups"]}
        name = p["ServiceName"]
        want = {"GatewaySecurityGroup"} if name == "gateway" else {"ServicesSecurityGroup"}
        if name in MYSQL_SERVICES:
            want.add("DbClientSecurityGroup")
        if name == "notification-service":
            want.add("SmtpClientSecurityGroup")
        rows.add("X.tiers", logical, groups == want, f"security groups {sorted(g or '?' for g in groups)}")
        subnets = p["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"]
        _, value = m.imported(subnets["Fn::Split"][1])
        private = value and all("Private" in (ref(s) or "") for s in value["Fn::Join"][1])
        rows.add("X.private-subnets", logical, bool(private), "tasks in the private subnets")
    _, value = m.imported(m.t["data.yaml"]["Resources"]["DbSubnetGroup"]["Properties"]["SubnetIds"]["Fn::Split"][1])
    rows.add("X.private-subnets", "DbSubnetGroup", value and all("Private" in ref(s) for s in value["Fn::Join"][1]),
             "database in the private subnets")


def check_ecr(m, rows):
    for _, logical, repo in m.resources("AWS::ECR::Repository"):
        p = repo["Properties"]
        rows.add("ECR.1", logical, (p.get("ImageScanningConfiguration") or {}).get("ScanOnPush") is True, "scan on push")
        mutability = p.get("ImageTagMutability")
        filters = [f.get("ImageTagMutabilityExclusionFilterValue", "") for f in p.get("ImageTagMutabilityExclusionFilters", [])]
        ok = mutability == "IMMUTABLE" or (mutability == "IMMUTABLE_WITH_EXCLUSION" and all("." in f for f in filters))
        rows.add("ECR.2", logical, ok, f"{mutability}" + (f", mutable only {filters} (version tags; the deployed commit tag is immutable)" if filters else ""))
        rows.add("ECR.3", logical, bool((p.get("LifecyclePolicy") or {}).get("LifecyclePolicyText")), "lifecycle policy")
        enc = p.get("EncryptionConfiguration") or {}
        rows.add("S1.kms-at-rest", logical, enc.get("EncryptionType") == "KMS" and enc.get("KmsKey"), "customer-managed KMS key")


def check_logs(m, rows):
    for _, logical, group in m.resources("AWS::Logs::LogGroup"):
        p = group["Properties"]
        rows.add("S1.kms-at-rest", logical, bool(p.get("KmsKeyId")) and p.get("RetentionInDays"),
                 "KMS key and retention")
    for _, logical, topic in m.resources("AWS::SNS::Topic"):
        rows.add("S1.kms-at-rest", logical, bool(topic["Properties"].get("KmsMasterKeyId")), "KMS key")


def check_links(m, rows):
    """What cfn-lint cannot see: ports, names and numbers that must agree across files."""
    svc_t = m.t["services.yaml"]
    params = svc_t["Parameters"]
    tg = svc_t["Resources"]["GatewayTargetGroup"]["Properties"]
    services = {r["Properties"]["ServiceName"]: (logical, r["Properties"])
                for _, logical, r in m.resources("AWS::ECS::Service")}
    rows.add("X.services", "services.yaml", set(services) == set(SERVICES), f"one ECS service per task definition")
    # Load balancer -> gateway.
    for name, (logical, p) in services.items():
        lbs = p.get("LoadBalancers", [])
        if name != "gateway":
            rows.add("X.alb-only-gateway", logical, not lbs, "not behind the load balancer")
            continue
        c = m.container("gateway")
        ports = {pm["containerPort"] for pm in c["portMappings"]}
        ok = len(lbs) == 1 and lbs[0]["ContainerName"] == c["name"] and lbs[0]["ContainerPort"] in ports \
            and tg["Port"] == lbs[0]["ContainerPort"] and tg.get("TargetType") == "ip"
        rows.add("X.port", logical, ok, f"target group {tg['Port']} = service {lbs[0]['ContainerPort'] if lbs else '?'} "
                                        f"= container {sorted(ports)}")
    # Health checks (S3).
    rows.add("X.health", "GatewayTargetGroup", tg.get("HealthCheckPath") == "/check-status"
             and tg.get("HealthCheckIntervalSeconds") == 10 and tg.get("HealthCheckTimeoutSeconds") == 5,
             f"{tg.get('HealthCheckPath')} every {tg.get('HealthCheckIntervalSeconds')} s, {tg.get('HealthCheckTimeoutSeconds')} s timeout")
    for service in SERVICES:
        hc = m.container(service).get("healthCheck", {})
        rows.add("X.health", f"ecs-task-defs/{service}.json", "/q/health/ready" in " ".join(hc.get("command", []))
                 and m.container(service).get("stopTimeout"), "container health on readiness, stopTimeout set")
    # Service Connect.
    for name, (logical, p) in services.items():
        sc = p.get("ServiceConnectConfiguration") or {}
        names = {pm.get("name"): pm["containerPort"] for pm in m.container(name)["portMappings"]}
        if name == "gateway":
            rows.add("X.service-connect", logical, sc.get("Enabled") is True and not sc.get("Services"), "client only")
            continue
        entries = sc.get("Services", [])
        ok = sc.get("Enabled") is True and len(entries) == 1 and entries[0]["PortName"] in names \
            and entries[0].get("DiscoveryName") == name \
            and [(a["DnsName"], a["Port"]) for a in entries[0]["ClientAliases"]] == [(name, names.get(entries[0]["PortName"]))]
        rows.add("X.service-connect", logical, ok,
                 f"port name {entries[0]['PortName'] if entries else '?'} in {sorted(n for n in names if n)}, http://{name}:8080")
    # Deployment and scaling (S1, S3).
    targets = {}
    for _, _, r in m.resources("AWS::ApplicationAutoScaling::ScalableTarget"):
        owner = re.search(r"\$\{(\w+)Service\.Name\}", sub_text(r["Properties"]["ResourceId"]) or "")
        if owner:
            targets[owner.group(1)] = r["Properties"]
    policies = {ref(r["Properties"]["ScalingTargetId"]): r["Properties"]
                for _, _, r in m.resources("AWS::ApplicationAutoScaling::ScalingPolicy")}
    for name, (logical, p) in services.items():
        breaker = p.get("DeploymentConfiguration", {}).get("DeploymentCircuitBreaker", {})
        rows.add("X.deployment", logical, breaker == {"Enable": True, "Rollback": True}
                 and ref(p.get("DesiredCount")) == "MinTasks", "circuit breaker with rollback, desired = MinTasks")
        target = targets.get(TITLES[name], {})
        policy = policies.get(f"{TITLES[name]}ScalableTarget", {})
        metric = policy.get("TargetTrackingScalingPolicyConfiguration", {}).get("PredefinedMetricSpecification", {})
        rows.add("X.scaling", logical, ref(target.get("MinCapacity")) == "MinTasks" and ref(target.get("MaxCapacity")) == "MaxTasks"
                 and metric.get("PredefinedMetricType") == "ECSServiceAverageCPUUtilization",
                 "CPU target tracking between MinTasks and MaxTasks")
    rows.add("X.scaling", "services.yaml", params["MinTasks"]["Default"] == 2 and params["MaxTasks"]["Default"] == 4,
             f"default {params['MinTasks']['Default']} to {params['MaxTasks']['Default']} tasks (S3)")
    # Task definitions vs tasks.yaml and the registry.
    tasks = m.t["tasks.yaml"]["Resources"]
    repos = {sub_text(r["Properties"]["RepositoryName"]) for _, _, r in m.resources("AWS::ECR::Repository")}
    for service in SERVICES:
        td, c = m.td[service], m.container(service)
        title = TITLES[service]
        group = sub_text(tasks[f"{title}LogGroup"]["Properties"]["LogGroupName"]).replace("stacks", "${ENV}", 1)
        roles = (sub_text(tasks[f"{title}TaskRole"]["Properties"]["RoleName"]).replace("stacks", "${ENV}", 1),
                 sub_text(tasks[f"{title}ExecutionRole"]["Properties"]["RoleName"]).replace("stacks", "${ENV}", 1))
        image = c["image"]
        repo = re.sub(r"^.*amazonaws\.com/(.*):\$\{IMAGE_TAG\}$", r"\1", image)
        ok = c["logConfiguration"]["options"]["awslogs-group"] == group and td["taskRoleArn"].endswith("/" + roles[0]) \
            and td["executionRoleArn"].endswith("/" + roles[1]) and repo in repos and image.endswith(":${IMAGE_TAG}")
        rows.add("X.names", f"ecs-task-defs/{service}.json", ok, f"log group, roles and repository {repo} exist in infra/")
        size_ok = td.get("cpu") in FARGATE_SIZES and int(td.get("memory", 0)) in FARGATE_SIZES[td["cpu"]]
        rows.add("X.fargate-size", f"ecs-task-defs/{service}.json", size_ok and td.get("requiresCompatibilities") == ["FARGATE"],
                 f"{td.get('cpu')} CPU units / {td.get('memory')} MiB")
    # Same variables as docker-compose.yml (only endpoints and credentials differ).
    if m.compose:
        for service in SERVICES:
            environment = m.compose["services"][service].get("environment", {})
            names = set()
            for key, value in environment.items():
                if key == "<<":
                    for anchor in as_list(value):
                        names |= set(anchor)
                else:
                    names.add(key)
            local = {n for n in names if not LOCAL_ONLY.search(n)}
            c = m.container(service)
            ecs = {e["name"] for e in c.get("environment", [])} | {s["name"] for s in c.get("secrets", [])}
            missing = sorted(local - ecs)
            rows.add("X.compose-parity", f"ecs-task-defs/{service}.json", not missing,
                     f"every docker-compose variable but endpoints/credentials" if not missing else f"missing {missing}")


CHECKS = [check_ecs, check_s3, check_rds, check_dynamodb, check_elb, check_kms, check_iam, check_roles, check_secrets,
          check_network, check_ecr, check_logs, check_links]


def evaluate(root):
    m = Model(root)
    rows = Rows()
    for check in CHECKS:
        try:
            check(m, rows)
        except (KeyError, TypeError, AttributeError, IndexError) as e:
            rows.add(f"X.{check.__name__}", "templates", False, f"could not read: {type(e).__name__} {e}")
    return rows


def print_table(rows):
    width_c = max(len(r[0]) for r in rows.rows)
    width_r = max(len(r[1]) for r in rows.rows)
    print(f"{'control':<{width_c}}  {'resource':<{width_r}}  result  detail")
    for control, resource, ok, detail in sorted(rows.rows, key=lambda r: (r[0].startswith("X.") or r[0].startswith("S1."), r[0], r[1])):
        print(f"{control:<{width_c}}  {resource:<{width_r}}  {'pass' if ok else 'FAIL'}    {detail}")
    print("\nconsidered, not applied:")
    for control, reason in NOT_APPLIED:
        print(f"  {control}: {reason}")
    controls = sorted({r[0] for r in rows.rows})
    failed = rows.failed()
    print(f"\n{len(rows.rows) - len(failed)} passed, {len(failed)} failed ({len(rows.rows)} checks of {len(controls)} controls)")


# ---------------------------------------------------------------------------------------------------- self-test
def _json_edit(path, change):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    change(data)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)


def _text_edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        raise AssertionError(f"self-test: {old!r} not in {path}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def _add_env(name, value):
    return lambda d: d["containerDefinitions"][0]["environment"].append({"name": name, "value": value})


def _set(key, value):
    return lambda d: d["containerDefinitions"][0].__setitem__(key, value)


# (expected failing control, file under the root, edit)
BREAKS = [
    ("ECS.5", "ecs-task-defs/user-service.json", _set("readonlyRootFilesystem", False)),
    ("ECS.8", "ecs-task-defs/book-service.json", _add_env("QUARKUS_DATASOURCE_PASSWORD", "hunter2")),
    ("ECS.4", "ecs-task-defs/gateway.json", _set("privileged", True)),
    ("ECS.20", "ecs-task-defs/image-service.json", _set("user", "0")),
    ("ECS.2", "infra/services.yaml", ("AssignPublicIp: DISABLED", "AssignPublicIp: ENABLED")),
    ("ECS.12", "infra/services.yaml", ("Value: enabled}", "Value: disabled}")),
    ("S3.8", "infra/data.yaml", ("BlockPublicPolicy: true", "BlockPublicPolicy: false")),
    ("S3.5", "infra/data.yaml", ('Bool: {"aws:SecureTransport": "false"}', 'Bool: {"aws:SecureTransport": "true"}')),
    ("RDS.2", "infra/data.yaml", ("PubliclyAccessible: false", "PubliclyAccessible: true")),
    ("RDS.3", "infra/data.yaml", ("StorageEncrypted: true", "StorageEncrypted: false")),
    ("RDS.8", "infra/data.yaml", ("      DeletionProtection: true", "      DeletionProtection: false")),
    ("DynamoDB.2", "infra/data.yaml", ("PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false")),
    ("ELB.1", "infra/services.yaml", ("        - Type: redirect", "        - Type: fixed-response")),
    ("ELB.4", "infra/services.yaml", ("drop_invalid_header_fields.enabled, Value: \"true\"", "drop_invalid_header_fields.enabled, Value: \"false\"")),
    ("KMS.4", "infra/data.yaml", ("EnableKeyRotation: true", "EnableKeyRotation: false")),
    ("ECR.1", "infra/registry.yaml", ("ScanOnPush: true", "ScanOnPush: false")),
    ("EC2.18/EC2.19/EC2.53", "infra/core.yaml", ("FromPort: 80, ToPort: 80", "FromPort: 22, ToPort: 22")),
    ("X.tiers", "infra/core.yaml", ("SourceSecurityGroupId: !Ref DbClientSecurityGroup", "SourceSecurityGroupId: !Ref GatewaySecurityGroup")),
    ("X.port", "infra/services.yaml", ("      Port: 8080\n", "      Port: 8081\n")),
    ("X.service-connect", "infra/services.yaml", ("PortName: http", "PortName: web")),
    ("X.secret-source", "ecs-task-defs/user-service.json", lambda d: d["containerDefinitions"][0]["secrets"].append(
        {"name": "STACKS_EXTRA", "valueFrom": "arn:aws:secretsmanager:us-east-1:111111111111:secret:elsewhere"})),
    ("X.least-privilege", "infra/tasks.yaml", ('Resource: {"Fn::ImportValue": !Sub "${Env}-user-tokens-table-arn"}', 'Resource: "*"')),
    ("X.execution-role", "infra/tasks.yaml", ("secret:${Env}/gateway/client-secret-??????", "secret:${Env}/user-service/jwt-private-key-??????")),
    ("X.health", "infra/services.yaml", ("HealthCheckIntervalSeconds: 10", "HealthCheckIntervalSeconds: 30")),
    ("X.scaling", "infra/services.yaml", ("PredefinedMetricType: ECSServiceAverageCPUUtilization", "PredefinedMetricType: ECSServiceAverageMemoryUtilization")),
    ("X.compose-parity", "ecs-task-defs/notification-service.json", lambda d: d["containerDefinitions"][0].__setitem__(
        "environment", [e for e in d["containerDefinitions"][0]["environment"] if e["name"] != "QUARKUS_MAILER_HOST"])),
]


def self_test(root):
    files = ["infra/" + t for t in TEMPLATES] + ["infra/deploy", "docker-compose.yml"] + \
            [f"ecs-task-defs/{s}.json" for s in SERVICES]
    caught = 0
    with tempfile.TemporaryDirectory(prefix="fsbp-self-test-") as tmp:
        for control, path, edit in BREAKS:
            work = os.path.join(tmp, "copy")
            shutil.rmtree(work, ignore_errors=True)
            for f in files:
                if os.path.exists(os.path.join(root, f)):
                    os.makedirs(os.path.dirname(os.path.join(work, f)), exist_ok=True)
                    shutil.copy(os.path.join(root, f), os.path.join(work, f))
            target = os.path.join(work, path)
            if callable(edit):
                _json_edit(target, edit)
            else:
                _text_edit(target, *edit)
            failed = {r[0] for r in evaluate(work).failed()}
            hit = control in failed
            caught += hit
            print(f"  break {control:<22} in {path:<40} {'caught' if hit else 'MISSED'}"
                  + (f" (failed: {sorted(failed)})" if not hit else ""))
    print(f"self-test: {caught} of {len(BREAKS)} deliberate breaks caught")
    return caught == len(BREAKS)


def main(argv):
    root = os.path.dirname(HERE)
    rows = evaluate(root)
    print_table(rows)
    ok = not rows.failed()
    if "--self-test" in argv:
        print("\nself-test on broken copies:")
        ok = self_test(root) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
