"""The Python services of the fleet: their Python apps (app.py on the wheels) synthesize the same
templates as the Node path (the fleet command, from the same service.json), through every gate."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
SERVICES = sorted(p.parent for p in ROOT.glob("services/*/app.py"))


def templates(folder: Path) -> dict:
    return {f.name: json.loads(f.read_text()) for f in sorted(folder.glob("*.template.json"))}


def test_the_fleet_has_python_services():
    assert [s.name for s in SERVICES] == ["fraud-detection", "risk-scoring"]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_the_python_app_synthesizes_the_templates_of_the_node_path(service: Path):
    python, node = templates(service / "cdk.out.python"), templates(service / "cdk.out")
    assert len(python) == 8, "every environment's delivery and runtime stack"
    assert sorted(python) == sorted(node)
    for name in python:
        assert python[name] == node[name], f"{service.name}: {name} differs between the Python and the Node path"


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_the_python_app_ran_every_gate(service: Path):
    report = json.loads((service / "cdk.out.python" / "compliance-report.json").read_text())
    assert report["passed"] is True
    assert report["openFindings"] == 0
    assert "CloudFormation" in report["packs"]
