#!/usr/bin/env bash
# slipway's main job on this machine, until the local pipeline lands: make a Git repository from
# examples/widget (as if cloned from github.com/acme/widget), run `slipway init` in it, and print
# the CloudFormation template `slipway synth` writes for it. The repository is left in place
# (its path is printed) so that slipway.yml and buildspec.yml can be read afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
slipway="$here/../bin/slipway.js"
repo=$(mktemp -d "${TMPDIR:-/tmp}/slipway-demo-XXXXXX")

cp -R "$here/widget/." "$repo/"
cd "$repo"
git init -q -b main
git remote add origin https://github.com/acme/widget.git
git add -A
git -c user.name=demo -c user.email=demo@example.com commit -q -m "widget"

echo "# slipway init (in $repo)" >&2
node "$slipway" init
echo "# slipway synth" >&2
node "$slipway" synth
echo "# the example repository, with its slipway.yml and buildspec.yml: $repo" >&2
