#!/usr/bin/env bash
# The GitHub Action's audit step (action.yml): collect once, then judge the same inventory three times offline —
# the JSON report decides the exit code, SARIF goes to code scanning, Markdown to the step summary.
set -uo pipefail

split() { tr ', ' '\n\n' <<<"$1" | sed '/^$/d'; }

common=()
while read -r path; do [[ -n "$path" ]] && common+=(--policies "$path"); done <<<"${IN_POLICIES}"
while read -r cidr; do common+=(--on-prem-cidr "$cidr"); done < <(split "${IN_ON_PREM}")
[[ -n "${IN_CONFIG}" ]] && common+=(--config "${IN_CONFIG}")
[[ -n "${IN_SUPPRESSIONS}" ]] && common+=(--suppressions "${IN_SUPPRESSIONS}")
[[ -n "${IN_BASELINE}" ]] && common+=(--baseline "${IN_BASELINE}")
common+=(--fail-on "${IN_FAIL_ON}")

inventory="${IN_INVENTORY}"
if [[ -z "$inventory" ]]; then
  inventory="${RUNNER_TEMP:-/tmp}/mq-audit-inventory.json"
  collect=(inventory --output "$inventory")
  while read -r region; do collect+=(--region "$region"); done < <(split "${IN_REGIONS}")
  [[ "${IN_ALL_REGIONS}" == "true" ]] && collect+=(--all-regions)
  node "$MQ_AUDIT" "${collect[@]}"
  status=$?
  # 3 = collected with errors: the scans below report them as incomplete checks.
  if [[ $status -ne 0 && $status -ne 3 ]]; then echo "exit-code=$status" >>"$GITHUB_OUTPUT"; exit "$status"; fi
fi

node "$MQ_AUDIT" scan --inventory "$inventory" "${common[@]}" --format sarif --category "${IN_CATEGORY}" --output "${IN_SARIF}" --quiet
node "$MQ_AUDIT" scan --inventory "$inventory" "${common[@]}" --format json --output "${IN_JSON}" --quiet
code=$?
if [[ "${IN_SUMMARY}" == "true" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  node "$MQ_AUDIT" scan --inventory "$inventory" "${common[@]}" --format markdown >>"$GITHUB_STEP_SUMMARY"
fi

echo "exit-code=$code" >>"$GITHUB_OUTPUT"
exit "$code"
