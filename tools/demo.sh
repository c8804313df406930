#!/usr/bin/env bash
# The main job: builds freedompay and runs the example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
php -d extension="$PWD/modules/freedompay.so" examples/sign.php
