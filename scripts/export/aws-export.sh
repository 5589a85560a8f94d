#!/usr/bin/env bash
#
# Agent Anchor: read-only AWS export for an offline assessment.
#
# Writes, for the current credentials or for each --profile given, OUTDIR/<account id>/ with the
# files `agent-anchor import --aws-dir OUTDIR` reads (docs/import-formats.md):
#   account-authorization-details.json   aws iam get-account-authorization-details
#   credential-report.json               aws iam generate-credential-report (polled) + get-credential-report
#   service-specific-credentials.json    aws iam list-service-specific-credentials --all-users
#   bedrock-agents.json                  aws bedrock-agent list-agents + get-agent, per region
#   agentcore-runtimes.json              aws bedrock-agentcore-control list-agent-runtimes + get-agent-runtime, per region
#   lambda-functions.json                aws lambda list-functions, per region, without Environment
#   export-warnings.txt                  what could not be read (a region without the service, access denied)
#
# It only reads. No secret is written: Lambda environment variables and AgentCore runtime
# environment variables are dropped before anything reaches the disk; credential listings carry
# metadata only. The files still describe the account's security set-up: keep them confidential.
#
# Needs the AWS CLI v2 and jq. IAM permissions it uses (all read-only; the AWS managed policy
# SecurityAudit covers the IAM ones):
#   iam:GetAccountAuthorizationDetails
#   iam:GenerateCredentialReport          (asks IAM to build the report; changes nothing)
#   iam:GetCredentialReport
#   iam:ListServiceSpecificCredentials
#   bedrock:ListAgents, bedrock:GetAgent
#   bedrock-agentcore:ListAgentRuntimes, bedrock-agentcore:GetAgentRuntime
#   lambda:ListFunctions
#   ec2:DescribeRegions                   (only with --regions all)
#   sts:GetCallerIdentity                 (needs no permission)
#
# Usage:
#   aws-export.sh [--out DIR] [--profile NAME]... [--regions us-east-1,eu-central-1 | all]
#
set -euo pipefail

# Regions where Bedrock Agents / AgentCore run; Lambda is read in the same regions.
DEFAULT_REGIONS="us-east-1,us-east-2,us-west-2,ca-central-1,sa-east-1,eu-central-1,eu-central-2,eu-west-1,eu-west-2,eu-west-3,eu-north-1,eu-south-1,eu-south-2,ap-south-1,ap-southeast-1,ap-southeast-2,ap-northeast-1,ap-northeast-2,ap-northeast-3"

OUT="agent-anchor-aws-export"
REGIONS="$DEFAULT_REGIONS"
PROFILES=()

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e 's/^# \{0,1\}//' -e '/^set -euo/d'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="${2:?--out needs a folder}"; shift 2 ;;
    --profile) PROFILES+=("${2:?--profile needs a name}"); shift 2 ;;
    --regions) REGIONS="${2:?--regions needs a list or all}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in aws jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 1; }
done

export AWS_PAGER=""
# Globs that match nothing expand to nothing, so the jq merges below see no stray pattern.
shopt -s nullglob
# The export holds the account's IAM configuration: readable by the owner only.
umask 077

WARNINGS=""
TMP_DIR=""
# Scratch files hold raw responses: removed on any exit, failures included.
trap '[ -n "$TMP_DIR" ] && rm -rf "$TMP_DIR"' EXIT
warn() {
  echo "warning: $*" >&2
  if [ -n "$WARNINGS" ]; then echo "$*" >>"$WARNINGS"; fi
}

# Runs one account's export with the CLI command in "$@"-style array AWS_CMD.
export_account() {
  local account dir tmp
  account=$("${AWS_CMD[@]}" sts get-caller-identity --query Account --output text)
  dir="$OUT/$account"
  mkdir -p "$dir"
  tmp=$(mktemp -d)
  TMP_DIR="$tmp"
  WARNINGS="$dir/export-warnings.txt"
  : >"$WARNINGS"
  echo "account $account -> $dir" >&2

  # 1. IAM authorization details (the CLI follows Marker pages and merges them).
  "${AWS_CMD[@]}" iam get-account-authorization-details --output json >"$tmp/auth.json"
  mv "$tmp/auth.json" "$dir/account-authorization-details.json"

  # 2. Credential report: ask for a fresh one, wait until it is complete, fetch it.
  local state="" tries=0
  while [ "$tries" -lt 30 ]; do
    state=$("${AWS_CMD[@]}" iam generate-credential-report --query State --output text 2>/dev/null || echo FAILED)
    [ "$state" = "COMPLETE" ] && break
    [ "$state" = "FAILED" ] && break
    tries=$((tries + 1))
    sleep 2
  done
  if [ "$state" = "COMPLETE" ] &&
    "${AWS_CMD[@]}" iam get-credential-report --output json >"$tmp/report.json" 2>"$tmp/err"; then
    mv "$tmp/report.json" "$dir/credential-report.json"
  else
    warn "$account: credential report not available (state $state): $(cat "$tmp/err" 2>/dev/null || true)"
  fi

  # 3. Service-specific credentials (Bedrock API keys, CodeCommit, Keyspaces): metadata only.
  if "${AWS_CMD[@]}" iam list-service-specific-credentials --all-users --output json >"$tmp/ssc.json" 2>"$tmp/err"; then
    # A CLI without a paginator for this call returns IsTruncated/Marker: follow the pages.
    local marker
    cp "$tmp/ssc.json" "$tmp/ssc-page-0.json"
    local page=0
    while [ "$(jq -r '.IsTruncated // false' "$tmp/ssc-page-$page.json")" = "true" ]; do
      marker=$(jq -r '.Marker' "$tmp/ssc-page-$page.json")
      page=$((page + 1))
      "${AWS_CMD[@]}" iam list-service-specific-credentials --all-users --marker "$marker" --output json \
        >"$tmp/ssc-page-$page.json"
    done
    jq -s '{ServiceSpecificCredentials: [ .[].ServiceSpecificCredentials[]
             | del(.ServicePassword, .ServiceCredentialSecret) ]}' "$tmp"/ssc-page-*.json \
      >"$dir/service-specific-credentials.json"
  else
    # Older CLIs have no --all-users: ask user by user, names taken from the authorization details.
    warn "$account: list-service-specific-credentials --all-users failed ($(head -c 300 "$tmp/err")); listing per user"
    local ok=1 user n=0
    while IFS= read -r user; do
      n=$((n + 1))
      if ! "${AWS_CMD[@]}" iam list-service-specific-credentials --user-name "$user" --output json \
        >"$tmp/ssc-user-$n.json" 2>"$tmp/err"; then
        ok=0
        warn "$account: service-specific credentials of user $user: $(head -c 300 "$tmp/err")"
        rm -f "$tmp/ssc-user-$n.json"
      fi
    done < <(jq -r '.UserDetailList[]?.UserName' "$dir/account-authorization-details.json")
    if [ "$ok" = 1 ]; then
      jq -s '{ServiceSpecificCredentials: [ .[].ServiceSpecificCredentials[]
               | del(.ServicePassword, .ServiceCredentialSecret) ]}' /dev/null "$tmp"/ssc-user-*.json \
        >"$dir/service-specific-credentials.json"
    fi
  fi

  # 4-6. Regional services. A region where a service is not offered (or not enabled) is a
  # warning, not a failure. A file is written when at least one region answered.
  local region regions_list ids id
  if [ "$REGIONS" = "all" ]; then
    regions_list=$("${AWS_CMD[@]}" ec2 describe-regions --query 'Regions[].RegionName' --output text | tr '\t' ',')
  else
    regions_list="$REGIONS"
  fi
  mkdir -p "$tmp/agents" "$tmp/runtimes" "$tmp/lambda"
  local agents_ok=0 runtimes_ok=0 lambda_ok=0
  IFS=',' read -r -a region_array <<<"$regions_list"
  for region in "${region_array[@]}"; do
    [ -n "$region" ] || continue

    # Bedrock agents: list, then the full definition of each (it names the execution role).
    if ids=$("${AWS_CMD[@]}" bedrock-agent list-agents --region "$region" \
      --query 'agentSummaries[].agentId' --output text 2>"$tmp/err"); then
      agents_ok=1
      for id in $ids; do
        [ "$id" = "None" ] && continue
        if "${AWS_CMD[@]}" bedrock-agent get-agent --region "$region" --agent-id "$id" --output json \
          >"$tmp/agent.json" 2>"$tmp/err"; then
          # The instruction (prompt) is not needed for identity analysis: leave it behind.
          jq '.agent | del(.instruction, .promptOverrideConfiguration)' "$tmp/agent.json" \
            >"$tmp/agents/$region-$id.json"
        else
          warn "$account $region: bedrock-agent get-agent $id: $(head -c 300 "$tmp/err")"
        fi
      done
    else
      warn "$account $region: bedrock-agent list-agents: $(head -c 300 "$tmp/err")"
    fi

    # AgentCore runtimes: list, then each runtime (it names the role and workload identity).
    if ids=$("${AWS_CMD[@]}" bedrock-agentcore-control list-agent-runtimes --region "$region" \
      --query 'agentRuntimes[].agentRuntimeId' --output text 2>"$tmp/err"); then
      runtimes_ok=1
      for id in $ids; do
        [ "$id" = "None" ] && continue
        if "${AWS_CMD[@]}" bedrock-agentcore-control get-agent-runtime --region "$region" \
          --agent-runtime-id "$id" --output json >"$tmp/runtime.json" 2>"$tmp/err"; then
          # environmentVariables may hold secrets: never written.
          jq 'del(.environmentVariables)' "$tmp/runtime.json" >"$tmp/runtimes/$region-$id.json"
        else
          warn "$account $region: bedrock-agentcore-control get-agent-runtime $id: $(head -c 300 "$tmp/err")"
        fi
      done
      rm -f "$tmp/runtime.json"
    else
      warn "$account $region: bedrock-agentcore-control list-agent-runtimes: $(head -c 300 "$tmp/err")"
    fi

    # Lambda: the projection leaves Environment (and its variables) out on the client side.
    if "${AWS_CMD[@]}" lambda list-functions --region "$region" --output json \
      --query 'Functions[].{FunctionName: FunctionName, FunctionArn: FunctionArn, Role: Role, Runtime: Runtime, PackageType: PackageType, LastModified: LastModified}' \
      >"$tmp/lambda/$region.json" 2>"$tmp/err"; then
      lambda_ok=1
    else
      rm -f "$tmp/lambda/$region.json"
      warn "$account $region: lambda list-functions: $(head -c 300 "$tmp/err")"
    fi
  done

  if [ "$agents_ok" = 1 ]; then
    jq -s '{agents: .}' /dev/null "$tmp"/agents/*.json >"$dir/bedrock-agents.json"
  fi
  if [ "$runtimes_ok" = 1 ]; then
    jq -s '{agentRuntimes: .}' /dev/null "$tmp"/runtimes/*.json >"$dir/agentcore-runtimes.json"
  fi
  if [ "$lambda_ok" = 1 ]; then
    jq -s '{Functions: ((add // []) | map(select(. != null)))}' /dev/null "$tmp"/lambda/*.json \
      >"$dir/lambda-functions.json"
  fi

  rm -rf "$tmp"
  TMP_DIR=""
  [ -s "$WARNINGS" ] || rm -f "$WARNINGS"
  WARNINGS=""
}

mkdir -p "$OUT"
if [ "${#PROFILES[@]}" -eq 0 ]; then
  AWS_CMD=(aws)
  export_account
else
  for profile in "${PROFILES[@]}"; do
    AWS_CMD=(aws --profile "$profile")
    export_account
  done
fi
echo "done: import with  agent-anchor import --aws-dir $OUT" >&2
