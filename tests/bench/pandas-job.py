"""The old backend's kind of job, redone with pandas + scikit-learn, for `npm run bench`.

Usage: /usr/bin/python3 tests/bench/pandas-job.py FILE.csv  -> one JSON line of timings (ms).

It follows the steps SmartData runs, not the old code (which is gone): read the CSV with
pandas' type inference; profile (describe, missing, distinct, top values, duplicates, Pearson
and Spearman correlations); k-means on the numeric, non-id columns with missing rows dropped
and standardised, k = 2..10 chosen by silhouette (5,000-row sample) on a 20,000-row sample with
10 k-means++ restarts each, then the chosen k refitted on all rows with 10 restarts.
pandas.bench.ts runs it with one BLAS/OpenMP thread, like SmartData's one worker: on this shared
2-core machine OpenMP's default two threads made clustering 8x slower, not faster.
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

SEED = 0


def profile(df):
    df.describe(include="all")
    df.isna().sum()
    df.nunique()
    for name in df.select_dtypes(exclude="number").columns:
        df[name].value_counts().head(5)
    df.duplicated().sum()
    numeric = df.select_dtypes(include="number")
    numeric.corr(method="pearson")
    numeric.corr(method="spearman")


def cluster(df):
    numeric = df.select_dtypes(include="number").drop(columns=["id"], errors="ignore")
    numeric = numeric.loc[:, numeric.nunique() > 1].dropna()
    x = ((numeric - numeric.mean()) / numeric.std(ddof=0)).to_numpy()
    rng = np.random.default_rng(SEED)
    sample = x[rng.choice(len(x), size=min(20_000, len(x)), replace=False)]
    scores = {}
    for k in range(2, 11):
        labels = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(sample)
        scores[k] = silhouette_score(sample, labels, sample_size=min(5_000, len(sample)), random_state=SEED)
    best = max(scores, key=scores.get)
    KMeans(n_clusters=best, n_init=10, random_state=SEED).fit(x)
    return best


def main(path):
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    t1 = time.perf_counter()
    profile(df)
    t2 = time.perf_counter()
    k = cluster(df)
    t3 = time.perf_counter()
    ms = lambda a, b: (b - a) * 1000
    print(json.dumps({"read": ms(t0, t1), "profile": ms(t1, t2), "cluster": ms(t2, t3), "total": ms(t0, t3), "k": k}))


if __name__ == "__main__":
    main(sys.argv[1])
