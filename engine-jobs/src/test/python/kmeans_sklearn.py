#!/usr/bin/python3
"""Times scikit-learn's KMeans(init='k-means++', n_init=1) on a float32 .npy file, for comparison with
`./tagforge bench kmeans --input FILE.npy`. Run with Debian's python3 (python3-sklearn):

    /usr/bin/python3 engine-jobs/src/test/python/kmeans_sklearn.py FILE.npy --k 16 --seed 42
"""
import argparse
import time

import numpy as np
from sklearn.cluster import KMeans


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("npy")
    parser.add_argument("--k", type=int, default=16)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=5, help="runs with seeds seed..seed+repeat-1")
    args = parser.parse_args()

    data = np.load(args.npy)
    if data.dtype != np.float32 or data.ndim != 2:
        raise SystemExit(f"error: {args.npy}: expected a 2-D float32 array, found {data.dtype} {data.shape}")
    total_seconds = 0.0
    total_inertia = 0.0
    for run in range(args.repeat):
        model = KMeans(n_clusters=args.k, init="k-means++", n_init=1, random_state=args.seed + run)
        start = time.perf_counter()
        model.fit(data)
        seconds = time.perf_counter() - start
        total_seconds += seconds
        total_inertia += model.inertia_
        print(f"sklearn run {run + 1} (seed {args.seed + run}): {seconds:.3f} s, "
              f"inertia {model.inertia_:.6g}, iterations {model.n_iter_}")
    print(f"sklearn mean of {args.repeat} runs: {total_seconds / args.repeat:.3f} s, "
          f"inertia {total_inertia / args.repeat:.6g}  ({args.npy}: n={data.shape[0]} dim={data.shape[1]} k={args.k})")


if __name__ == "__main__":
    main()
