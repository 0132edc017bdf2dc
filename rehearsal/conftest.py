"""Fixtures of the deploy rehearsal: where the templates are, one moto server, the scenarios."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    Moto,
    MotoRecorder,
    Outcome,
    StackArtifact,
    find_stack,
    resolve_dir,
    setting,
)

OPTIONS = {
    "environment": "--environment",
    "environments_out": "--environments-out",
    "public_service_out": "--public-service-out",
    "internal_service_out": "--internal-service-out",
}


def pytest_addoption(parser):
    group = parser.getgroup("rehearsal")
    group.addoption("--environment", help="environment to rehearse (default develop; env REHEARSAL_ENVIRONMENT)")
    group.addoption("--environments-out", help="cdk.out of the environments app "
                    "(default packages/environments/cdk.out; env REHEARSAL_ENVIRONMENTS_OUT)")
    group.addoption("--public-service-out", help="cdk.out of the public service "
                    "(default services/orders/cdk.out; env REHEARSAL_PUBLIC_SERVICE_OUT)")
    group.addoption("--internal-service-out", help="cdk.out of the internal service "
                    "(default services/notifications/cdk.out; env REHEARSAL_INTERNAL_SERVICE_OUT)")


@dataclass
class Templates:
    environment_name: str
    environment: StackArtifact
    public: StackArtifact
    internal: StackArtifact
    public_delivery: StackArtifact
    internal_delivery: StackArtifact

    @property
    def services(self) -> dict[str, StackArtifact]:
        """kind -> runtime stack"""
        return {"public": self.public, "internal": self.internal}

    def stack(self, kind: str, part: str) -> StackArtifact:
        return {
            ("public", "runtime"): self.public, ("public", "delivery"): self.public_delivery,
            ("internal", "runtime"): self.internal, ("internal", "delivery"): self.internal_delivery,
        }[(kind, part)]


@pytest.fixture(scope="session")
def templates(pytestconfig) -> Templates:
    overrides = {name: pytestconfig.getoption(option) for name, option in OPTIONS.items()}
    env = setting("environment", overrides)
    public_out = resolve_dir(setting("public_service_out", overrides))
    internal_out = resolve_dir(setting("internal_service_out", overrides))
    return Templates(
        environment_name=env,
        environment=find_stack(resolve_dir(setting("environments_out", overrides)), f"*{env}*.template.json"),
        public=find_stack(public_out, f"*{env}Runtime*.template.json"),
        internal=find_stack(internal_out, f"*{env}Runtime*.template.json"),
        public_delivery=find_stack(public_out, f"*{env}Delivery*.template.json"),
        internal_delivery=find_stack(internal_out, f"*{env}Delivery*.template.json"),
    )


@pytest.fixture(scope="session")
def moto_server(templates):
    """One moto server in this process (a thread), on a free port of 127.0.0.1. Scenarios reset
    it (POST /moto-api/reset) before they start."""
    from moto.server import ThreadedMotoServer

    recorder = MotoRecorder()
    recorder.install()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    stack = templates.environment
    try:
        yield Moto(f"http://{host}:{port}", recorder, stack.account, stack.region)
    finally:
        server.stop()
        recorder.uninstall()


# ---------------------------------------------------------------------------------------------
# Scenarios. Each one resets moto, runs once, and keeps only what it saw: tests assert on that.
# ---------------------------------------------------------------------------------------------

@dataclass
class FirstDeployment:
    """The first deployment of an environment, in the handbook's order: the environment stack,
    then for each service its delivery stack (ECR repository, image-tag parameter, pipeline) and
    its runtime stack."""

    environment: Outcome
    contract_published: dict[str, str]  # what moto holds under /fargate-platform/<env>/ afterwards
    delivery: dict[str, Outcome]
    runtime: dict[str, Outcome]


@pytest.fixture(scope="session")
def unbootstrapped(moto_server, templates) -> Outcome:
    """The environment stack in an account whose assets bucket exists but that has no bootstrap
    version parameter."""
    moto_server.reset()
    moto_server.bootstrap(templates.environment, version_parameter=False)
    moto_server.publish_assets(templates.environment)
    return moto_server.create_stack(templates.environment)


@pytest.fixture(scope="session")
def first_deployment(moto_server, templates) -> FirstDeployment:
    moto_server.reset()
    env_stack = templates.environment
    moto_server.bootstrap(env_stack)
    moto_server.publish_assets(env_stack)
    environment = moto_server.create_stack(env_stack)

    ssm = moto_server.client("ssm")
    contract = {
        p["Name"]: p["Value"]
        for page in ssm.get_paginator("get_parameters_by_path").paginate(
            Path=f"/fargate-platform/{templates.environment_name}/", Recursive=True)
        for p in page["Parameters"]
    }

    delivery, runtime = {}, {}
    for kind in templates.services:
        for part, results in (("delivery", delivery), ("runtime", runtime)):
            stack = templates.stack(kind, part)
            moto_server.bootstrap(stack)
            moto_server.publish_assets(stack)
            results[kind] = moto_server.create_stack(stack)
    return FirstDeployment(environment, contract, delivery, runtime)


STAND_IN_PREFIX = "rehearsal-stand-in:"


@dataclass
class StandIn:
    """One service stack alone, with every SSM parameter it resolves at deploy time present but
    holding a stand-in value: to find where the service template itself stops in moto."""

    outcome: Outcome
    stand_ins: dict[str, str]
    log_groups: dict[str, str | None]  # log group name -> kmsKeyId, as moto stored them


@pytest.fixture(scope="session")
def service_alone(moto_server, templates) -> dict[tuple[str, str], StandIn]:
    results = {}
    for kind in templates.services:
        for part in ("delivery", "runtime"):
            stack = templates.stack(kind, part)
            moto_server.reset()
            moto_server.bootstrap(stack)
            ssm = moto_server.client("ssm")
            stand_ins = {}
            for name, how in stack.ssm_parameters_read().items():
                if name == stack.bootstrap_parameter or how == "dynamic reference":
                    continue
                stand_ins[name] = STAND_IN_PREFIX + name
                ssm.put_parameter(Name=name, Value=stand_ins[name], Type="String")
            moto_server.publish_assets(stack)
            outcome = moto_server.create_stack(stack)
            log_groups = {g["logGroupName"]: g.get("kmsKeyId")
                          for g in moto_server.client("logs").describe_log_groups()["logGroups"]}
            results[(kind, part)] = StandIn(outcome, stand_ins, log_groups)
    return results
