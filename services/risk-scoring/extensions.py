from typing import List

from fargate_platform import ServiceDeployment


def extend(deployments: List[ServiceDeployment]) -> None:
    """Add constructs of your own to the service's stacks (one deployment per environment)."""
