#!/usr/bin/env bash
# slipway's main job on this machine: a commit becomes an image in the local registry, tagged with
# the commit, through the same CloudFormation template `slipway deploy` puts on AWS. It makes a Git
# repository from examples/widget (as if cloned from github.com/acme/widget), runs `slipway init`,
# starts `slipway up` (the local account: registry, AWS endpoint, the stack widget-dev and its
# pipeline), commits a change, follows that commit's pipeline execution and shows the image in the
# registry. The repository stays (its path is printed last), with its state in .slipway/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
slipway() { node "$here/../bin/slipway.js" "$@"; }
commit() { git -c user.name=demo -c user.email=demo@example.com commit -q "$@"; }
step() { printf '\n\033[1m# %s\033[0m\n' "$*" >&2; }

repo=$(mktemp -d "${TMPDIR:-/tmp}/slipway-demo-XXXXXX")
up_out="$repo.up.ndjson"
up_pid=""
stop_up() {
  [ -n "$up_pid" ] || return 0
  kill -INT "$up_pid" 2>/dev/null || true
  wait "$up_pid" 2>/dev/null || true
  up_pid=""
}
trap stop_up EXIT

step "a Git repository with a Dockerfile: $repo"
cp -R "$here/widget/." "$repo/"
cd "$repo"
git init -q -b main
git remote add origin https://github.com/acme/widget.git
git add -A
commit -m "widget"

step "slipway init: slipway.yml and the buildspec, committed"
slipway init
git add -A
commit -m "slipway init"

step "slipway up: the local account, and the stack widget-dev from slipway.yml"
# node itself in the background (not the slipway function's subshell), so that Ctrl-C reaches it.
node "$here/../bin/slipway.js" up --port 0 --json >"$up_out" 2>"$repo.up.log" &
up_pid=$!
ready=""
for _ in $(seq 1 120); do
  ready=$(grep -m1 '"type":"ready"' "$up_out" || true)
  [ -n "$ready" ] && break
  kill -0 "$up_pid" 2>/dev/null || { cat "$repo.up.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$ready" ] || { echo "slipway up did not get ready in 60 s" >&2; cat "$repo.up.log" >&2; exit 1; }
endpoint=$(node -e 'console.log(JSON.parse(process.argv[1]).endpoint)' "$ready")
echo "endpoint and dashboard: $endpoint" >&2

# The execution of a commit (its id once it exists), from `slipway runs --json`.
execution_of() {
  slipway runs --json | node -e '
    const runs = JSON.parse(require("fs").readFileSync(0, "utf8")).pipelineExecutionSummaries;
    const run = runs.find((r) => r.sourceRevisions.some((s) => s.revisionId === process.argv[1]));
    if (run) console.log(run.pipelineExecutionId);' "$1"
}
# Waits for the commit's execution to appear, follows its log to the end, and fails unless it succeeded.
follow_commit() {
  local id=""
  for _ in $(seq 1 240); do
    id=$(execution_of "$1")
    [ -n "$id" ] && break
    sleep 0.25
  done
  [ -n "$id" ] || { echo "no execution started for commit $1 within 60 s" >&2; exit 1; }
  slipway logs "$id" --follow
  slipway runs --json | grep -q "\"pipelineExecutionId\":\"$id\",\"status\":\"Succeeded\"" || { echo "the execution of $1 did not succeed" >&2; exit 1; }
}

step "the pipeline's first execution (CreatePipeline), at commit $(git rev-parse --short HEAD)"
follow_commit "$(git rev-parse HEAD)"

step "a commit: the watched branch starts the pipeline"
echo "hello from $(date -u +%H:%M:%S)" >hello.txt
commit -am "say hello"
sha=$(git rev-parse HEAD)
started=$(date +%s.%N)
follow_commit "$sha"
took=$(node -e 'console.log((process.argv[2] - process.argv[1]).toFixed(1))' "$started" "$(date +%s.%N)")

step "the local registry now holds ${sha:0:7} (commit to image: ${took} s, the log included)"
slipway status --endpoint-url "$endpoint" | tee "$repo.status" | grep -E '^(stack|pipeline|  execution|repository|  )' >&2 || true
grep -q "${sha:0:7}" "$repo.status" || { echo "the registry has no tag ${sha:0:7}" >&2; exit 1; }
slipway runs >&2

stop_up
step "done: the repository is $repo; up's log is $repo.up.log"
echo "to go on: cd $repo && node $(cd "$here/.." && pwd)/bin/slipway.js up   (the same port again; the dashboard at its address)" >&2
