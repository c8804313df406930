#!/usr/bin/env bash
# The main job: installs what is missing, builds freedompay, and runs a
# payment from start to finish against the bundled sandbox gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
php -d extension="$PWD/modules/freedompay.so" examples/demo.php
