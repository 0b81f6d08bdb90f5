#!/usr/bin/env bash
# Spark's GPU discovery script for Tagforge's executors (spark.executor.resource.gpu.discoveryScript): prints this
# machine's GPUs as Spark's resource JSON, {"name": "gpu", "addresses": ["0", "1"]}. Addresses are the device
# indexes CUDA (and so libtorch's gpu:N) uses: nvidia-smi's index column, or, when CUDA_VISIBLE_DEVICES narrows
# the GPUs a process sees, 0 to its count - 1 (CUDA renumbers the visible ones from 0).
set -euo pipefail

if [ -n "${CUDA_VISIBLE_DEVICES:-}" ]; then
  IFS=',' read -r -a visible <<< "$CUDA_VISIBLE_DEVICES"
  indexes=$(seq 0 $((${#visible[@]} - 1)))
else
  indexes=$(nvidia-smi --query-gpu=index --format=csv,noheader)
fi
addresses=""
for index in $indexes; do
  addresses="$addresses${addresses:+, }\"$index\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
