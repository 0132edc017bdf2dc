"""The service's own code: what its container runs."""
