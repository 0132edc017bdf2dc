#!/usr/bin/env bash
# Deletes CloudFormation stacks tagged Testing=true that are older than N hours (default 24)
# in the current account and region: what a nightly run that died half-way left behind.
# Needs the AWS CLI, jq, and credentials for the test account.
set -euo pipefail
hours="${1:-24}"
cutoff=$(date -u -d "${hours} hours ago" +%s)

aws cloudformation describe-stacks --output json \
  | jq -r --argjson cutoff "$cutoff" '
      .Stacks[]
      | select(any(.Tags[]?; .Key == "Testing" and .Value == "true"))
      | select((.CreationTime | sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601) < $cutoff)
      | select(.StackStatus | test("DELETE_COMPLETE") | not)
      | .StackName' \
  | while read -r stack; do
      echo "deleting stale test stack ${stack}"
      aws cloudformation delete-stack --stack-name "$stack"
    done
