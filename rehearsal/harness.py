"""Deploy rehearsal in moto's CloudFormation: the harness the tests drive.

What it does, in the order a first real deployment does it (docs/HANDBOOK.md):

1. bootstrap: the SSM parameter with the bootstrap version, and the assets bucket;
2. publish the stack's file assets and its template to that bucket, as `cdk deploy` does;
3. CreateStack with the TemplateURL of the published template (the environment template is
   larger than the 51,200 bytes CloudFormation accepts as TemplateBody);
4. record what moto did, resource by resource.

The templates are never changed. The only thing added to moto is an observer
(`MotoRecorder`) that wraps two functions of moto's CloudFormation parser, calls the originals
with the same arguments, returns their results and re-raises their exceptions: it records which
resource moto was creating when it stopped, which moto's HTTP error (often a bare 500) does not say.
"""
from __future__ import annotations

import glob
import io
import json
import os
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

REPO_ROOT = Path(__file__).resolve().parent.parent

# Where the synthesized cloud assemblies are, and which stacks to take from them.
DEFAULTS = {
    "environment": "develop",
    "environments_out": "packages/environments/cdk.out",
    "public_service_out": "services/orders/cdk.out",
    "internal_service_out": "services/notifications/cdk.out",
}
ENV_VARS = {
    "environment": "REHEARSAL_ENVIRONMENT",
    "environments_out": "REHEARSAL_ENVIRONMENTS_OUT",
    "public_service_out": "REHEARSAL_PUBLIC_SERVICE_OUT",
    "internal_service_out": "REHEARSAL_INTERNAL_SERVICE_OUT",
}

CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]
SSM_PARAMETER_ARN = re.compile(r"arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter(/[^\"\s]+)")
DYNAMIC_SSM_REFERENCE = re.compile(r"\{\{resolve:ssm(?:-secure)?:([^}:]+)(?::\d+)?\}\}")


# --------------------------------------------------------------------------------------------
# The cloud assembly: templates by glob, and what manifest.json says about each stack
# --------------------------------------------------------------------------------------------

@dataclass
class StackArtifact:
    """One stack of a cloud assembly (cdk.out), as cdk deploy sees it."""

    out_dir: Path
    artifact_id: str
    stack_name: str
    account: str
    region: str
    template_file: Path
    template_text: str  # read once: the bytes parsed here are the bytes published and deployed
    template: dict[str, Any]
    asset_manifest: dict[str, Any] | None
    template_url: str | None
    bootstrap_parameter: str
    bootstrap_version: int

    @property
    def resources(self) -> dict[str, Any]:
        return self.template.get("Resources", {})

    def resources_of_type(self, resource_type: str) -> dict[str, Any]:
        return {k: v for k, v in self.resources.items() if v["Type"] == resource_type}

    def ssm_parameters_read(self) -> dict[str, str]:
        """SSM parameter names the stack reads when CloudFormation starts its operation:
        template parameters of an SSM type (value: the template parameter's logical id) and
        dynamic references {{resolve:ssm:...}} (value: 'dynamic reference')."""
        read: dict[str, str] = {}
        for key, p in self.template.get("Parameters", {}).items():
            if str(p.get("Type", "")).startswith("AWS::SSM::Parameter::") and p.get("Default"):
                read[p["Default"]] = key
        for name in DYNAMIC_SSM_REFERENCE.findall(json.dumps(self.resources)):
            read.setdefault(name, "dynamic reference")
        return read

    def ssm_parameters_referenced_by_arn(self) -> set[str]:
        """SSM parameter names written as ARNs (for example a container secret's ValueFrom): read
        when a task starts, not when CloudFormation deploys."""
        return set(SSM_PARAMETER_ARN.findall(json.dumps(self.resources)))

    def ssm_parameters_published(self) -> dict[str, str]:
        """name -> logical id of every AWS::SSM::Parameter the stack creates."""
        return {
            v["Properties"]["Name"]: k
            for k, v in self.resources_of_type("AWS::SSM::Parameter").items()
            if isinstance(v.get("Properties", {}).get("Name"), str)
        }


def setting(name: str, overrides: dict[str, str | None] | None = None) -> str:
    """A harness setting: the pytest option if given, else the environment variable, else the default."""
    if overrides and overrides.get(name):
        return str(overrides[name])
    return os.environ.get(ENV_VARS[name]) or DEFAULTS[name]


def resolve_dir(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else (REPO_ROOT / p)


def find_stack(out_dir: Path, pattern: str) -> StackArtifact:
    """The one stack of out_dir whose template file name matches the glob pattern."""
    matches = sorted(glob.glob(str(out_dir / pattern)))
    if len(matches) != 1:
        raise LookupError(
            f"expected exactly one template matching {pattern} in {out_dir}, found {len(matches)}: "
            f"{[os.path.basename(m) for m in matches]} (synthesize first: npx projen fleet <services>)"
        )
    template_file = Path(matches[0])
    template_text = template_file.read_text()
    manifest = json.loads((out_dir / "manifest.json").read_text())
    artifacts = manifest["artifacts"]
    for artifact_id, artifact in artifacts.items():
        props = artifact.get("properties", {})
        if artifact.get("type") == "aws:cloudformation:stack" and props.get("templateFile") == template_file.name:
            break
    else:
        raise LookupError(f"no stack artifact in {out_dir}/manifest.json for {template_file.name}")

    m = re.fullmatch(r"aws://(\d{12})/([a-z0-9-]+)", artifact["environment"])
    if not m:
        raise ValueError(f"{artifact_id} is not environment-specific: {artifact['environment']}")
    asset_manifest = None
    required = [props.get("requiresBootstrapStackVersion", 0)]
    for dep in artifact.get("dependencies", []):
        dep_artifact = artifacts.get(dep, {})
        if dep_artifact.get("type") == "cdk:asset-manifest":
            asset_manifest = json.loads((out_dir / dep_artifact["properties"]["file"]).read_text())
            required.append(dep_artifact["properties"].get("requiresBootstrapStackVersion", 0))
    template_url = props.get("stackTemplateAssetObjectUrl")
    if template_url and template_url.startswith("s3://"):
        bucket, key = template_url[len("s3://"):].split("/", 1)
        template_url = f"https://s3.{m.group(2)}.amazonaws.com/{bucket}/{key}"
    return StackArtifact(
        out_dir=out_dir,
        artifact_id=artifact_id,
        stack_name=props.get("stackName", artifact_id),
        account=m.group(1),
        region=m.group(2),
        template_file=template_file,
        template_text=template_text,
        template=json.loads(template_text),
        asset_manifest=asset_manifest,
        template_url=template_url,
        bootstrap_parameter=props.get("bootstrapStackVersionSsmParameter", "/cdk-bootstrap/hnb659fds/version"),
        bootstrap_version=max(required),
    )


# --------------------------------------------------------------------------------------------
# Observing moto (no change to its behaviour)
# --------------------------------------------------------------------------------------------

@dataclass
class MotoEvent:
    kind: str  # created | skipped (no moto CloudFormation model) | failed | ssm-resolved | ssm-failed
    name: str  # logical id, or the SSM parameter name for ssm-* events
    resource_type: str | None = None
    error: str | None = None


class MotoRecorder:
    """Wraps moto.cloudformation.parsing.parse_and_create_resource and
    ResourceMap.parse_ssm_parameter; records, calls the original, re-raises."""

    def __init__(self) -> None:
        self.events: list[MotoEvent] = []
        self._restore: list[Callable[[], None]] = []

    def install(self) -> None:
        from moto.cloudformation import parsing

        original_create = parsing.parse_and_create_resource
        original_ssm = parsing.ResourceMap.parse_ssm_parameter
        events = self.events

        def parse_and_create_resource(logical_id, resource_json, resources_map, account_id, region_name):
            resource_type = resource_json.get("Type")
            try:
                resource = original_create(logical_id, resource_json, resources_map, account_id, region_name)
            except Exception as e:  # recorded, then re-raised unchanged
                events.append(MotoEvent("failed", logical_id, resource_type, f"{type(e).__name__}: {e}"))
                raise
            kind = "created" if resource is not None else (
                "skipped" if parsing.resource_class_from_type(resource_type) is None else "not created")
            events.append(MotoEvent(kind, logical_id, resource_type))
            return resource

        def parse_ssm_parameter(self_, value, value_type):
            try:
                result = original_ssm(self_, value, value_type)
            except Exception as e:
                events.append(MotoEvent("ssm-failed", value, value_type, f"{type(e).__name__}: {e}"))
                raise
            events.append(MotoEvent("ssm-resolved", value, value_type))
            return result

        parsing.parse_and_create_resource = parse_and_create_resource
        parsing.ResourceMap.parse_ssm_parameter = parse_ssm_parameter
        self._restore = [
            lambda: setattr(parsing, "parse_and_create_resource", original_create),
            lambda: setattr(parsing.ResourceMap, "parse_ssm_parameter", original_ssm),
        ]

    def uninstall(self) -> None:
        for restore in self._restore:
            restore()
        self._restore = []


# --------------------------------------------------------------------------------------------
# Deploying into moto
# --------------------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What happened to one CreateStack."""

    stack: StackArtifact
    status: str | None
    status_reason: str | None
    sdk_error: str | None
    events: list[MotoEvent] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return self.status == "CREATE_COMPLETE" and self.sdk_error is None

    @property
    def stop(self) -> MotoEvent | None:
        """The innermost failure: the resource (or SSM parameter) moto was on when it stopped."""
        return next((e for e in self.events if e.kind in ("failed", "ssm-failed")), None)

    def of_kind(self, kind: str) -> list[MotoEvent]:
        return [e for e in self.events if e.kind == kind]

    def describe(self) -> str:
        lines = [f"{self.stack.stack_name} ({self.stack.template_file.name}): status={self.status}"]
        if self.sdk_error:
            lines.append(f"  SDK error: {self.sdk_error[:300]}")
        if self.stop:
            lines.append(f"  stopped at: {self.stop.name} [{self.stop.resource_type}] {self.stop.error}")
        lines.append(f"  created before the stop: {[e.name for e in self.of_kind('created')]}")
        lines.append(f"  skipped (no moto model): {[e.name for e in self.of_kind('skipped')]}")
        return "\n".join(lines)


class Moto:
    """boto3 clients against one moto server, all requests in the stacks' account."""

    def __init__(self, endpoint: str, recorder: MotoRecorder, account: str, region: str):
        self.endpoint = endpoint
        self.recorder = recorder
        self.account = account
        self.region = region

    def client(self, service: str):
        import boto3
        from botocore.config import Config

        client = boto3.session.Session().client(
            service,
            endpoint_url=self.endpoint,
            region_name=self.region,
            aws_access_key_id="rehearsal",
            aws_secret_access_key="rehearsal",
            # one attempt: a retried CreateStack would hide what the first one did
            config=Config(retries={"total_max_attempts": 1}, s3={"addressing_style": "path"}),
        )
        account = self.account

        def in_account(request, **_):
            request.headers["x-moto-account-id"] = account

        client.meta.events.register("before-sign", in_account)
        return client

    def reset(self) -> None:
        import urllib.request

        urllib.request.urlopen(urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")).read()
        self.recorder.events.clear()

    # -- steps of a deployment ------------------------------------------------------------

    def bootstrap(self, stack: StackArtifact, version_parameter: bool = True) -> None:
        """What `cdk bootstrap` leaves that a deployment uses: the version parameter and the
        assets bucket(s) the stack's asset manifest names."""
        if version_parameter:
            self.client("ssm").put_parameter(
                Name=stack.bootstrap_parameter, Value=str(stack.bootstrap_version), Type="String", Overwrite=True)
        s3 = self.client("s3")
        for bucket in sorted(asset_buckets(stack)):
            try:
                s3.create_bucket(Bucket=bucket)
            except s3.exceptions.BucketAlreadyOwnedByYou:
                pass

    def publish_assets(self, stack: StackArtifact) -> list[str]:
        """Upload the stack's file assets (and its template) where its asset manifest says."""
        published = []
        s3 = self.client("s3")
        for asset_hash, asset in (stack.asset_manifest or {}).get("files", {}).items():
            source = stack.out_dir / asset["source"]["path"]
            if source == stack.template_file:
                body = stack.template_text.encode()
            else:
                body = package_file_asset(source, asset["source"].get("packaging", "file"))
            for destination in asset["destinations"].values():
                s3.put_object(Bucket=destination["bucketName"], Key=destination["objectKey"], Body=body)
                published.append(destination["objectKey"])
        if (stack.asset_manifest or {}).get("dockerImages"):
            raise NotImplementedError(f"{stack.stack_name} has Docker image assets; no Docker engine here")
        return published

    def create_stack(self, stack: StackArtifact, wait_seconds: float = 5.0) -> Outcome:
        cfn = self.client("cloudformation")
        first_event = len(self.recorder.events)
        started = time.monotonic()
        sdk_error = None
        kwargs: dict[str, Any] = {"StackName": stack.stack_name, "Capabilities": CAPABILITIES}
        if stack.template_url:
            kwargs["TemplateURL"] = stack.template_url
        else:
            kwargs["TemplateBody"] = stack.template_text
        try:
            cfn.create_stack(**kwargs)
        except Exception as e:  # the SDK's view of moto's answer, kept verbatim
            sdk_error = f"{type(e).__name__}: {e}"
        status, reason = self.stack_status(stack.stack_name)
        deadline = time.monotonic() + wait_seconds
        while sdk_error is None and status == "CREATE_IN_PROGRESS" and time.monotonic() < deadline:
            time.sleep(0.2)
            status, reason = self.stack_status(stack.stack_name)
        return Outcome(stack, status, reason, sdk_error, list(self.recorder.events[first_event:]),
                       time.monotonic() - started)

    def stack_status(self, stack_name: str) -> tuple[str | None, str | None]:
        try:
            s = self.client("cloudformation").describe_stacks(StackName=stack_name)["Stacks"][0]
            return s["StackStatus"], s.get("StackStatusReason")
        except Exception as e:
            return None, f"{type(e).__name__}: {e}"


def asset_buckets(stack: StackArtifact) -> set[str]:
    return {
        d["bucketName"]
        for a in (stack.asset_manifest or {}).get("files", {}).values()
        for d in a["destinations"].values()
    }


def package_file_asset(source: Path, packaging: str) -> bytes:
    if packaging == "zip" and source.is_dir():
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    z.write(path, path.relative_to(source).as_posix())
        return buf.getvalue()
    return source.read_bytes()


# --------------------------------------------------------------------------------------------
# Reading a template against moto's list of CloudFormation models
# --------------------------------------------------------------------------------------------

def moto_model_types() -> set[str]:
    from moto.cloudformation.parsing import get_model_map

    return set(get_model_map())


def getatt_targets(node: Any) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "Fn::GetAtt":
                target = v if isinstance(v, list) else str(v).split(".", 1)
                found.append((target[0], target[1] if len(target) > 1 else ""))
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) else v
                found += [tuple(x.split(".", 1)) for x in re.findall(r"\$\{([A-Za-z0-9]+\.[A-Za-z0-9.]+)\}", text)]
            found += getatt_targets(v)
    elif isinstance(node, list):
        for v in node:
            found += getatt_targets(v)
    return found


@dataclass
class MotoReading:
    unsupported: dict[str, str]  # logical id -> type moto skips (no CloudFormation model)
    hard_stops: list[tuple[str, str, str, str]]  # (source id, source type, target id, target type)
    custom_resources: list[str]  # Custom::* / AWS::CloudFormation::CustomResource: moto runs their Lambda in Docker


def read_against_moto(stack: StackArtifact) -> MotoReading:
    """Where moto must stop whatever it does with the values: a Fn::GetAtt from a resource moto
    creates to a resource of a type it has no model for ("Fn::GetAtt references undefined
    resource"). A GetAtt inside a skipped resource is never evaluated, so it is not a stop."""
    models = moto_model_types()
    resources = stack.resources

    def supported(t: str) -> bool:
        return t in models or t.startswith("Custom::") or t == "AWS::CloudFormation::CustomResource"

    unsupported = {k: v["Type"] for k, v in resources.items() if not supported(v["Type"])}
    hard_stops = []
    for logical_id, resource in resources.items():
        if not supported(resource["Type"]):
            continue
        for target, _attr in getatt_targets(resource.get("Properties", {})):
            if target in unsupported:
                hard_stops.append((logical_id, resource["Type"], target, unsupported[target]))
    for output_id, output in stack.template.get("Outputs", {}).items():
        for target, _attr in getatt_targets(output):
            if target in unsupported:
                hard_stops.append((f"Outputs.{output_id}", "Output", target, unsupported[target]))
    custom = [k for k, v in resources.items()
              if v["Type"].startswith("Custom::") or v["Type"] == "AWS::CloudFormation::CustomResource"]
    return MotoReading(unsupported, sorted(set(hard_stops)), custom)


def references_to_parameters(node: Any, parameter_ids: set[str]) -> set[str]:
    """Template parameters a resource's properties use (Ref or ${...} in Fn::Sub)."""
    used: set[str] = set()
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "Ref" and v in parameter_ids:
                used.add(v)
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) else v
                used |= {x for x in re.findall(r"\$\{([A-Za-z0-9]+)\}", text) if x in parameter_ids}
            used |= references_to_parameters(v, parameter_ids)
    elif isinstance(node, list):
        for v in node:
            used |= references_to_parameters(v, parameter_ids)
    return used


if __name__ == "__main__":  # a reading of the three templates against the installed moto
    import moto

    print(f"moto {moto.__version__}: {len(moto_model_types())} CloudFormation resource types")
    env = setting("environment")
    for label, out, pattern in [
        ("environment", "environments_out", f"*{env}*.template.json"),
        ("public service", "public_service_out", f"*{env}Runtime*.template.json"),
        ("internal service", "internal_service_out", f"*{env}Runtime*.template.json"),
    ]:
        stack = find_stack(resolve_dir(setting(out)), pattern)
        reading = read_against_moto(stack)
        print(f"\n== {label}: {stack.stack_name} ({stack.template_file.name}), {len(stack.resources)} resources")
        print(f"  skipped by moto ({len(reading.unsupported)}): {sorted(set(reading.unsupported.values()))}")
        for s in reading.hard_stops:
            print(f"  hard stop: {s[0]} [{s[1]}] Fn::GetAtt -> {s[2]} [{s[3]}]")
        for c in reading.custom_resources:
            print(f"  custom resource (moto runs its Lambda in Docker): {c}")
