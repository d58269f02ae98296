#!/usr/bin/env bash
# The GitHub Action's audit step (action.yml): collect once (or take the inventory given), then judge it three times
# offline — the JSON report decides the exit code, SARIF goes to code scanning, Markdown to the step summary.
# With a Terraform plan or CloudFormation templates the scans judge the change: the deployed estate (that inventory)
# with the change applied, or the change alone when there is no deployed estate (a fork's pull request).
#
# Every input arrives as an environment variable (IN_*) and goes to mq-audit as separate arguments: nothing from an
# input is ever evaluated by the shell.
set -uo pipefail

# Regions, CIDRs: separated by commas, spaces or newlines.
split() { tr ', ' '\n\n' <<<"$1" | sed '/^$/d'; }

# Files: separated by newlines or commas (a path may contain spaces), each trimmed; an entry with a glob character
# (* ? [) is expanded, sorted, and passed as written when it matches nothing (mq-audit then names it: exit 2).
files() {
  local entry matches
  while IFS= read -r entry; do
    entry="${entry#"${entry%%[![:space:]]*}"}"
    entry="${entry%"${entry##*[![:space:]]}"}"
    [[ -z "$entry" ]] && continue
    if [[ "$entry" == *[*?[]* ]] && matches="$(compgen -G "$entry" | LC_ALL=C sort)" && [[ -n "$matches" ]]; then
      printf '%s\n' "$matches"
    else
      printf '%s\n' "$entry"
    fi
  done < <(tr ',' '\n' <<<"$1")
}

output() { [[ -n "${GITHUB_OUTPUT:-}" ]] && echo "$1" >>"$GITHUB_OUTPUT"; }

common=()
while read -r path; do [[ -n "$path" ]] && common+=(--policies "$path"); done <<<"${IN_POLICIES}"
while read -r cidr; do common+=(--on-prem-cidr "$cidr"); done < <(split "${IN_ON_PREM}")
[[ -n "${IN_CONFIG}" ]] && common+=(--config "${IN_CONFIG}")
[[ -n "${IN_SUPPRESSIONS}" ]] && common+=(--suppressions "${IN_SUPPRESSIONS}")
[[ -n "${IN_BASELINE}" ]] && common+=(--baseline "${IN_BASELINE}")
common+=(--fail-on "${IN_FAIL_ON}")

# The proposed change.
change=()
while IFS= read -r file; do change+=(--plan "$file"); done < <(files "${IN_PLAN:-}")
while IFS= read -r file; do change+=(--template "$file"); done < <(files "${IN_TEMPLATES:-}")
[[ -n "${IN_TEMPLATE_PARAMETERS:-}" ]] && change+=(--template-parameters "${IN_TEMPLATE_PARAMETERS}")
[[ -n "${IN_STACK_NAME:-}" ]] && change+=(--stack-name "${IN_STACK_NAME}")
# Empty: mq-audit's default (`changes` when there is a plan or a template).
[[ -n "${IN_GATE:-}" ]] && change+=(--gate "${IN_GATE}")

judging_change=false
for arg in "${change[@]}"; do [[ "$arg" == --plan || "$arg" == --template ]] && judging_change=true; done

inventory="${IN_INVENTORY}"
# A change with no inventory is judged alone unless regions are given to collect from: a fork's pull request has no
# AWS credentials, and collecting in the runner's default region would only fail.
if [[ -z "$inventory" && ( "$judging_change" == false || -n "${IN_REGIONS}" || "${IN_ALL_REGIONS}" == "true" ) ]]; then
  inventory="${RUNNER_TEMP:-/tmp}/mq-audit-inventory.json"
  collect=(inventory --output "$inventory")
  while read -r region; do collect+=(--region "$region"); done < <(split "${IN_REGIONS}")
  [[ "${IN_ALL_REGIONS}" == "true" ]] && collect+=(--all-regions)
  node "$MQ_AUDIT" "${collect[@]}"
  status=$?
  # 3 = collected with errors: the scans below report them as incomplete checks.
  if [[ $status -ne 0 && $status -ne 3 ]]; then output "exit-code=$status"; exit "$status"; fi
fi
output "inventory-file=$inventory"

estate=()
if [[ -n "$inventory" ]]; then
  estate=(--inventory "$inventory")
else
  echo "::notice title=mq-audit::No inventory and no regions to collect from: the change is judged alone (what it refers to outside itself is unknown)."
fi

scan=(scan "${estate[@]}" "${change[@]}" "${common[@]}")
node "$MQ_AUDIT" "${scan[@]}" --format sarif --category "${IN_CATEGORY}" --output "${IN_SARIF}" --quiet
node "$MQ_AUDIT" "${scan[@]}" --format json --output "${IN_JSON}" --quiet
code=$?
if [[ "${IN_SUMMARY}" == "true" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  node "$MQ_AUDIT" "${scan[@]}" --format markdown >>"$GITHUB_STEP_SUMMARY"
fi

output "exit-code=$code"
exit "$code"
