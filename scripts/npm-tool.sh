#!/usr/bin/env bash
# Installs a development tool from the npm registry into a folder of its own (dev tools only: the
# product needs no Node.js), and Debian's nodejs and npm first when they are missing.
# Usage: scripts/npm-tool.sh FOLDER PACKAGE@VERSION FILE
# Nothing is done when FOLDER/FILE (e.g. node_modules/.bin/redocly) is there already.
set -euo pipefail
folder=$1
package=$2
file=$3

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    echo "installing nodejs npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [[ ! -e "$folder/$file" ]]; then
    mkdir -p "$folder"
    npm install --silent --no-audit --no-fund --prefix "$folder" "$package"
fi
[[ -e "$folder/$file" ]] || { echo "npm-tool: $package has no $file" >&2; exit 1; }
