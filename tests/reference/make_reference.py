"""Generate the independent reference datasets and values for SmartData Analyzer tests.

Rerun from the repository root with the Debian system Python (it has pandas; the
pyenv ``python3`` on PATH does not):

    /usr/bin/python3 tests/reference/make_reference.py

Library versions used to produce the committed files (the script asserts them and
refuses to run with other versions unless ALLOW_OTHER_VERSIONS=1 is set):

    Python 3.11.2, pandas 1.5.3, numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1

Everything is deterministic: data come from numpy.random.default_rng with a fixed
seed (or from scikit-learn with fixed random_state), BLAS/OpenMP are limited to
one thread and OpenBLAS to one kernel (OPENBLAS_CORETYPE=Haswell unless already
set), JSON is written with sorted keys, and CSV text is written by hand. Running
the script twice gives byte-identical files.

JSON is written already in Prettier's style (printWidth 120, as in .prettierrc.json)
so that `prettier --check .` passes and `prettier --write .` leaves it unchanged;
numbers are repr() with Prettier's exponent normalisation (4.5e-05 -> 4.5e-5),
which still parses to the same double.

Outputs (all in tests/reference/):
    stats-mixed.csv, stats-mixed.reference.json
    stats-small.csv, stats-small.reference.json
    iris.csv,        iris.reference.json
    blobs.csv,       blobs.reference.json

Reference values are always computed from the CSV as read back by pandas, i.e.
from exactly the numbers a CSV consumer sees. Independent cross-checks (explicit
numpy / math.fsum / fractions formulas) are asserted along the way.
"""

import os

# One thread everywhere, before numpy / scikit-learn load their thread pools.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"
# OpenBLAS picks its kernels from the CPU it detects, and the last bits of BLAS-based results
# (PCA, silhouette, Davies-Bouldin) depend on the kernel. Pin a kernel every x86-64 CPU since
# 2013 supports so that other machines reproduce the same bytes.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")

import json  # noqa: E402
import math  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
from fractions import Fraction  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
import scipy.stats  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import load_iris, make_blobs  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.metrics import (  # noqa: E402
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_score,
)
from sklearn.preprocessing import StandardScaler  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

OUT = Path(__file__).resolve().parent
EXPECTED_VERSIONS = {
    "python": "3.11.2",
    "pandas": "1.5.3",
    "numpy": "1.24.2",
    "scipy": "1.10.1",
    "scikit-learn": "1.2.1",
}
VERSIONS = {
    "python": sys.version.split()[0],
    "pandas": pd.__version__,
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "scikit-learn": sklearn.__version__,
}
if VERSIONS != EXPECTED_VERSIONS and os.environ.get("ALLOW_OTHER_VERSIONS") != "1":
    sys.exit(f"Library versions differ from the reference environment: {VERSIONS} != {EXPECTED_VERSIONS}")

REL_TOL = 1e-12
QUANTILES = {"q05": 0.05, "q25": 0.25, "median": 0.5, "q75": 0.75, "q95": 0.95}


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def close(a, b, rel=REL_TOL, abs_=0.0):
    """True when a and b agree to `rel` relative (or `abs_` absolute) tolerance; NaN == NaN."""
    a = float(a)
    b = float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def to_jsonable(x):
    """Converts numpy / pandas scalars to plain Python; NaN and ±inf become None (JSON null)."""
    if isinstance(x, dict):
        return {str(k): to_jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [to_jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return [to_jsonable(v) for v in x.tolist()]
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        return None if (math.isnan(f) or math.isinf(f)) else f
    if x is None or isinstance(x, str):
        return x
    if x is pd.NA or x is pd.NaT:
        return None
    raise TypeError(f"cannot serialise {type(x)}: {x!r}")


PRINT_WIDTH = 120  # .prettierrc.json


def prettier_number(value):
    """repr() of a number, normalised the way Prettier prints numeric literals (4.5e-05 -> 4.5e-5)."""
    raw = repr(value)
    sign = "-" if raw.startswith("-") else ""
    s = raw.lstrip("-").lower()
    s = re.sub(r"^([\d.]+e)(?:\+|(-))?0*(\d)", lambda m: m.group(1) + (m.group(2) or "") + m.group(3), s)
    s = re.sub(r"^([\d.]+)e[+-]?0+$", r"\1", s)
    s = re.sub(r"^\.", "0.", s)
    s = re.sub(r"(\.\d+?)0+(?=e|$)", r"\1", s)
    s = re.sub(r"\.(?=e|$)", "", s)
    check(float(sign + s) == float(value), f"number text changed value: {raw} -> {s}")
    return sign + s


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _flat(v):
    """One-line text of v, or None when it cannot be printed on one line (non-empty objects)."""
    if isinstance(v, dict):
        return "{}" if not v else None
    if isinstance(v, list):
        parts = [_flat(e) for e in v]
        return None if any(p is None for p in parts) else "[" + ", ".join(parts) + "]"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if _is_number(v):
        return prettier_number(v)
    return json.dumps(v, ensure_ascii=False)


def _pretty(v, col, ind, trailing):
    """Prettier-compatible JSON text of v starting at column col on a line indented by ind spaces.

    Mirrors Prettier 3 (printWidth 120) for the documents written here: objects stay expanded,
    an array goes on one line when it fits (counting a trailing comma), arrays of >= 2 arrays or
    objects that each have >= 2 entries always break one per line, and broken all-number arrays
    are filled (as many per line as fit).
    """
    pad = " " * (ind + 2)
    if isinstance(v, dict):
        if not v:
            return "{}"
        keys = sorted(v)
        lines = []
        for i, k in enumerate(keys):
            key = json.dumps(str(k), ensure_ascii=False) + ": "
            last = i == len(keys) - 1
            lines.append(pad + key + _pretty(v[k], ind + 2 + len(key), ind + 2, 0 if last else 1) + ("" if last else ","))
        return "{\n" + "\n".join(lines) + "\n" + " " * ind + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        should_break = len(v) > 1 and all(
            isinstance(e, (list, dict)) and type(e) is type(v[0]) and len(e) > 1 for e in v
        )
        flat = _flat(v)
        if not should_break and flat is not None and col + len(flat) + trailing <= PRINT_WIDTH:
            return flat
        if all(_is_number(e) for e in v):
            items = [prettier_number(e) + ("," if i < len(v) - 1 else "") for i, e in enumerate(v)]
            lines, cur = [], pad + items[0]
            for item in items[1:]:
                if len(cur) + 1 + len(item) <= PRINT_WIDTH:
                    cur += " " + item
                else:
                    lines.append(cur)
                    cur = pad + item
            lines.append(cur)
            return "[\n" + "\n".join(lines) + "\n" + " " * ind + "]"
        lines = []
        for i, e in enumerate(v):
            last = i == len(v) - 1
            lines.append(pad + _pretty(e, ind + 2, ind + 2, 0 if last else 1) + ("" if last else ","))
        return "[\n" + "\n".join(lines) + "\n" + " " * ind + "]"
    return _flat(v)


def write_json(path, obj):
    """Writes sorted-key JSON already in Prettier's style, so `prettier --check` / `--write` leave it alone."""
    data = to_jsonable(obj)
    json.dumps(data, allow_nan=False)  # validates: no NaN / inf left
    text = _pretty(data, 0, 0, 0) + "\n"
    check(json.loads(text) == data, f"{path.name}: JSON does not round-trip")
    path.write_bytes(text.encode("utf-8"))


def cell_text(v):
    """CSV cell text: '' for missing, repr() for floats (shortest round-trip form), str otherwise."""
    if v is None:
        return ""
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return ""
        t = repr(f)
        check(float(t) == f, f"repr does not round-trip: {t}")
        return t
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return str(int(v))
    if isinstance(v, str):
        check(not any(c in v for c in ',"\r\n'), f"cell would need quoting: {v!r}")
        return v
    raise TypeError(f"unexpected cell {v!r}")


def write_csv(path, header, rows):
    lines = [",".join(header)]
    for row in rows:
        check(len(row) == len(header), "ragged row")
        lines.append(",".join(cell_text(v) for v in row))
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def read_csv(path, text_columns, require_default_parser_agrees=True):
    """Reads with the correctly-rounded parser (same doubles as JS parseFloat / Python float).

    pandas' default C parser ('high' precision) is not correctly rounded for some 16-17 digit
    numbers; the hand-made datasets keep <= 15 significant digits so that it agrees, which is
    asserted. For blobs.csv (full-precision make_blobs output) the mismatches are only counted.
    """
    dtypes = {c: str for c in text_columns}
    df = pd.read_csv(path, dtype=dtypes, float_precision="round_trip")
    df_default = pd.read_csv(path, dtype=dtypes)
    if require_default_parser_agrees:
        pd.testing.assert_frame_equal(df, df_default, check_exact=True)
    else:
        num = df.select_dtypes("number")
        diff = int((num.to_numpy() != df_default[num.columns].to_numpy()).sum())
        print(f"  {path.name}: {diff} numeric cells parse 1 ulp differently with pandas' default float parser")
    return df


# ----------------------------------------------------------------------------
# Independent formulas (cross-checks)
# ----------------------------------------------------------------------------


def quantile_formula(sorted_x, p):
    """Linear interpolation between order statistics at h = (n - 1) * p (numpy/pandas 'linear', Hyndman-Fan 7)."""
    n = len(sorted_x)
    h = (n - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, n - 1)
    return sorted_x[lo] + (h - lo) * (sorted_x[hi] - sorted_x[lo])


def moments_formula(x):
    """G1 (adjusted Fisher-Pearson skewness) and G2 (unbiased excess kurtosis) from central moments.

    g1 = m3 / m2**1.5, g2 = m4 / m2**2 - 3 with m_k = mean((x - mean)**k), then
    G1 = sqrt(n (n - 1)) / (n - 2) * g1 and G2 = (n - 1) / ((n - 2)(n - 3)) * ((n + 1) g2 + 6).
    Returns NaN where undefined (n too small or zero variance).
    The central moments are exact (rational arithmetic about the exact mean, rounded once): taken about
    the mean rounded to a double, as pandas does, they are off by ~(ulp(mean)/std)^2 relative, which
    for big_offset moves the skewness in its sixth digit.
    """
    n = len(x)
    fr = [Fraction(v) for v in x]
    mean = sum(fr) / n
    d = [v - mean for v in fr]
    m2 = float(sum(v * v for v in d) / n)
    m3 = float(sum(v * v * v for v in d) / n)
    m4 = float(sum(v * v * v * v for v in d) / n)
    if m2 == 0 or n < 3:
        g1 = float("nan")
    else:
        g1 = math.sqrt(n * (n - 1)) / (n - 2) * (m3 / m2**1.5)
    if m2 == 0 or n < 4:
        g2 = float("nan")
    else:
        g2 = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * (m4 / m2**2 - 3) + 6)
    return g1, g2


def pandas_zeroes_moments(x):
    """pandas nanskew/nankurt replace |sum of squared deviations| < 1e-14 by 0 and then return 0 (GH 18044)."""
    a = np.asarray(x, dtype=np.float64)
    d = a - a.sum() / len(a)
    m2 = float((d**2).sum())
    n = len(a)
    denom = (n - 2) * (n - 3) * m2**2
    return abs(m2) < 1e-14, abs(denom) < 1e-14


def exact_mean_var(x):
    """Mean and sample variance (ddof=1) in exact rational arithmetic, rounded once to float."""
    fr = [Fraction(v) for v in x]
    n = len(fr)
    mean = sum(fr) / n
    var = sum((v - mean) ** 2 for v in fr) / (n - 1)
    return float(mean), float(var)


def cramers_v_by_hand(a, b):
    """Bias-corrected Cramér's V (Bergsma 2013) from a contingency table counted with a dict."""
    counts = {}
    for x, y in zip(a, b):
        counts[(x, y)] = counts.get((x, y), 0) + 1
    rows = sorted({x for x, _ in counts})
    cols = sorted({y for _, y in counts})
    n = sum(counts.values())
    rsum = {r: sum(counts.get((r, c), 0) for c in cols) for r in rows}
    csum = {c: sum(counts.get((r, c), 0) for r in rows) for c in cols}
    chi2 = math.fsum(
        (counts.get((r, c), 0) - rsum[r] * csum[c] / n) ** 2 / (rsum[r] * csum[c] / n) for r in rows for c in cols
    )
    r, k = len(rows), len(cols)
    phi2 = chi2 / n
    phi2corr = max(0.0, phi2 - (k - 1) * (r - 1) / (n - 1))
    rcorr = r - (r - 1) ** 2 / (n - 1)
    kcorr = k - (k - 1) ** 2 / (n - 1)
    return chi2, math.sqrt(phi2corr / min(kcorr - 1, rcorr - 1))


# ----------------------------------------------------------------------------
# Column profiles (pandas is the reference)
# ----------------------------------------------------------------------------


def numeric_profile(s):
    x = s.dropna()
    vals = x.to_numpy(dtype=np.float64)
    n = int(x.count())
    out = {
        "kind": "numeric",
        "dtype": str(s.dtype),
        "count": n,
        "missing": int(s.isna().sum()),
        "distinct": int(s.nunique()),
        "mean": s.mean(),
        "std": s.std(ddof=1),
        "var": s.var(ddof=1),
        "min": s.min(),
        "max": s.max(),
        "sum": s.sum(),
        "zeros": int((x == 0).sum()),
        "negatives": int((x < 0).sum()),
        "skewness": s.skew(),
        "kurtosis": s.kurt(),
    }
    for key, p in QUANTILES.items():
        out[key] = s.quantile(p, interpolation="linear")
    check(out["median"] == s.median(), f"{s.name}: median != quantile(0.5)")
    out["iqr"] = out["q75"] - out["q25"]
    med = s.median()
    out["mad"] = (x - med).abs().median()
    out["cv"] = out["std"] / out["mean"] if out["mean"] != 0 else float("nan")

    # --- cross-checks by explicit formula on the dropna() values ---
    sx = sorted(vals.tolist())
    for key, p in QUANTILES.items():
        alt = quantile_formula(sx, p)
        check(close(out[key], alt), f"{s.name} {key}: pandas {out[key]!r} vs formula {alt!r}")
    g1, g2 = moments_formula(vals.tolist())
    out["skewnessFormula"] = g1
    out["kurtosisFormula"] = g2
    zero_skew, zero_kurt = pandas_zeroes_moments(vals)
    if zero_skew:
        check(out["skewness"] == 0, f"{s.name}: expected pandas to zero the skewness")
    else:
        # pandas centres on the rounded mean: on big_offset its skewness is 2.8e-6 off the exact one.
        check(close(out["skewness"], g1, rel=1e-5), f"{s.name} skew: pandas {out['skewness']!r} vs formula {g1!r}")
    if zero_kurt:
        check(out["kurtosis"] == 0, f"{s.name}: expected pandas to zero the kurtosis")
    else:
        check(close(out["kurtosis"], g2, rel=1e-5), f"{s.name} kurt: pandas {out['kurtosis']!r} vs formula {g2!r}")
    alt_mad = float(np.median(np.abs(vals - np.median(vals))))
    check(close(out["mad"], alt_mad), f"{s.name}: mad")
    exact_mean, exact_var = exact_mean_var(vals.tolist())
    check(close(out["mean"], exact_mean), f"{s.name}: mean {out['mean']!r} vs exact {exact_mean!r}")
    # Two-pass variance around the *rounded* mean differs from the exact value by ~(ulp(mean)/std)^2
    # relative; only big_offset is affected (~1e-9). Report rather than assert.
    exact = {"mean": exact_mean, "var": exact_var, "std": math.sqrt(exact_var)}
    return out, exact


def categorical_profile(s):
    x = s.dropna()
    counts = x.value_counts(dropna=True)
    pairs = sorted(((str(v), int(c)) for v, c in counts.items()), key=lambda vc: (-vc[1], vc[0]))
    # cross-check with a plain dict count
    manual = {}
    for v in x:
        manual[v] = manual.get(v, 0) + 1
    check(sorted(manual.items()) == sorted(pairs), f"{s.name}: value counts")
    return {
        "kind": "categorical",
        "dtype": str(s.dtype),
        "count": int(x.count()),
        "missing": int(s.isna().sum()),
        "distinct": int(s.nunique()),
        "top": [list(p) for p in pairs[:10]],
    }


def outlier_profile(s):
    x = s.dropna().astype(np.float64)
    q25, q75 = s.quantile(0.25), s.quantile(0.75)
    iqr = q75 - q25
    low, high = q25 - 1.5 * iqr, q75 + 1.5 * iqr
    med = s.median()
    mad = (x - med).abs().median()
    out = {
        "tukeyLow": low,
        "tukeyHigh": high,
        "tukeyCount": int(((x < low) | (x > high)).sum()),
        "median": med,
        "mad": mad,
        "robustZThreshold": 3.5,
    }
    # values sitting on a fence would make the count depend on rounding: make sure there are none
    # (a constant column has iqr == 0 and every value on both fences: strict inequality counts 0)
    if iqr > 0:
        for fence in (low, high):
            tol = 1e-9 * iqr + 4 * math.ulp(fence)
            check(not any(abs(v - fence) <= tol for v in x), f"{s.name}: value on a Tukey fence")
    if mad == 0:
        out["robustZCount"] = None  # 0.6745 * (x - median) / 0 is undefined
    else:
        z = 0.6745 * (x - med) / mad
        check(not any(close(abs(v), 3.5, rel=1e-9) for v in z), f"{s.name}: robust z on the threshold")
        out["robustZCount"] = int((z.abs() > 3.5).sum())
    return out


def pearson_two_pass(x, y):
    """Two-pass Pearson r with correctly rounded sums (math.fsum); no BLAS, so machine-independent."""
    n = len(x)
    mx, my = math.fsum(x) / n, math.fsum(y) / n
    dx = [v - mx for v in x]
    dy = [v - my for v in y]
    sxx = math.fsum(v * v for v in dx)
    syy = math.fsum(v * v for v in dy)
    sxy = math.fsum(a * b for a, b in zip(dx, dy))
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else float("nan")


def corr_block(df, cols, method, ill_conditioned=()):
    """df[cols].corr(method) plus an independent two-pass recomputation on pairwise-complete rows.

    pandas 1.5 computes Pearson with Welford's online update; on a column like big_offset
    (1e9 + noise) its running mean carries ~ulp(1e9) errors, so its coefficients are off by
    up to ~1e-7 absolute. `matrixTwoPass` (two-pass, fsum) is the accurate value.
    """
    m = df[cols].corr(method=method)
    matrix = m.to_numpy().tolist()
    alt_matrix = [[None] * len(cols) for _ in cols]
    for i, a in enumerate(cols):
        for j, b in enumerate(cols):
            pair = df[[a, b]].dropna().astype(np.float64).to_numpy()
            if method == "pearson":
                alt = pearson_two_pass(pair[:, 0].tolist(), pair[:, -1].tolist())
                check(close(alt, np.corrcoef(pair[:, 0], pair[:, -1])[0, 1], abs_=1e-14), f"corrcoef {a}/{b}")
            else:
                alt = float(scipy.stats.spearmanr(pair[:, 0], pair[:, -1]).correlation)
            alt_matrix[i][j] = alt
            if method == "pearson" and (a in ill_conditioned or b in ill_conditioned):
                ok = close(matrix[i][j], alt, rel=0.0, abs_=1e-6)
            else:
                ok = close(matrix[i][j], alt, rel=1e-12, abs_=1e-14)
            check(ok, f"{method} {a}/{b}: {matrix[i][j]!r} vs {alt!r}")
    out = {"columns": list(cols), "matrix": matrix}
    if method == "pearson":
        out["matrixTwoPass"] = alt_matrix
    return out


def cramers_v(df, a, b):
    pair = df[[a, b]].dropna()
    table = pd.crosstab(pair[a], pair[b])
    chi2, p, dof, _ = scipy.stats.chi2_contingency(table.to_numpy(), correction=False)
    n = int(table.to_numpy().sum())
    r, k = table.shape
    phi2 = chi2 / n
    phi2corr = max(0.0, phi2 - (k - 1) * (r - 1) / (n - 1))
    rcorr = r - (r - 1) ** 2 / (n - 1)
    kcorr = k - (k - 1) ** 2 / (n - 1)
    v = math.sqrt(phi2corr / min(kcorr - 1, rcorr - 1))
    chi2_hand, v_hand = cramers_v_by_hand(pair[a].tolist(), pair[b].tolist())
    check(close(chi2, chi2_hand), f"cramersV {a}/{b}: chi2 {chi2!r} vs {chi2_hand!r}")
    check(close(v, v_hand), f"cramersV {a}/{b}: V {v!r} vs {v_hand!r}")
    return {
        "columns": [a, b],
        "n": n,
        "r": int(r),
        "k": int(k),
        "chi2": float(chi2),
        "dof": int(dof),
        "pValue": float(p),
        "phi2": phi2,
        "vUncorrected": math.sqrt(phi2 / min(k - 1, r - 1)),
        "value": v,
        "table": {
            "rowLevels": [str(x) for x in table.index],
            "colLevels": [str(x) for x in table.columns],
            "counts": table.to_numpy().tolist(),
        },
    }


def eta(df, cat, num):
    pair = df[[cat, num]].dropna()
    y = pair[num].astype(np.float64)
    grand = y.mean()
    groups = pair.groupby(cat)[num]
    ss_between = float(sum(len(g) * (g.astype(np.float64).mean() - grand) ** 2 for _, g in groups))
    ss_total = float(((y - grand) ** 2).sum())
    value = math.sqrt(ss_between / ss_total)
    # cross-check: SS_total = SS_between + SS_within, computed with fsum on plain lists
    yl = y.tolist()
    g_mean = math.fsum(yl) / len(yl)
    by = {}
    for c, v in zip(pair[cat].tolist(), yl):
        by.setdefault(c, []).append(v)
    ssb = math.fsum(len(v) * (math.fsum(v) / len(v) - g_mean) ** 2 for v in by.values())
    ssw = math.fsum((u - math.fsum(v) / len(v)) ** 2 for v in by.values() for u in v)
    check(close(value, math.sqrt(ssb / (ssb + ssw)), rel=1e-10), f"eta {cat}->{num}")
    return {
        "category": cat,
        "numeric": num,
        "n": int(len(pair)),
        "groups": {str(k): {"n": int(len(g)), "mean": float(g.mean())} for k, g in groups},
        "ssBetween": ss_between,
        "ssTotal": ss_total,
        "value": value,
    }


def profile_dataset(name, df, numeric_cols, text_cols, corr_cols, cramer_pairs, eta_pairs, notes, ill_conditioned=()):
    columns, exact, outliers = {}, {}, {}
    for c in df.columns:
        if c in numeric_cols:
            check(pd.api.types.is_numeric_dtype(df[c]), f"{c} should be numeric")
            columns[c], exact[c] = numeric_profile(df[c])
            outliers[c] = outlier_profile(df[c])
        else:
            check(c in text_cols, f"{c} unclassified")
            columns[c] = categorical_profile(df[c])
    return {
        "dataset": f"{name}.csv",
        "generator": "tests/reference/make_reference.py",
        "versions": VERSIONS,
        "rows": int(len(df)),
        "duplicateRows": int(df.duplicated().sum()),
        "columnOrder": list(df.columns),
        "columns": columns,
        "exact": exact,
        "outliers": outliers,
        "pearson": corr_block(df, corr_cols, "pearson", ill_conditioned),
        "spearman": corr_block(df, corr_cols, "spearman"),
        "cramersV": [cramers_v(df, a, b) for a, b in cramer_pairs],
        "eta": [eta(df, a, b) for a, b in eta_pairs],
        "notes": notes,
    }


STATS_NOTES = [
    "Numeric statistics skip missing values. std/var use ddof=1. Quantiles: pandas Series.quantile, "
    "interpolation='linear' (h = (n-1)p). iqr = q75 - q25. mad = median(|x - median(x)|). cv = std/mean.",
    "skewness = Series.skew() (adjusted Fisher-Pearson G1), kurtosis = Series.kurt() (unbiased excess G2). "
    "pandas returns 0 when the sum of squared deviations is < 1e-14 (or the G2 denominator is < 1e-14), "
    "e.g. for tiny-scale or constant columns; skewnessFormula/kurtosisFormula are the scale-invariant "
    "textbook values from exact central moments (null when undefined); pandas, centring on the rounded "
    "mean, is 2.8e-6 off them on big_offset.",
    "exact: mean/var/std computed in exact rational arithmetic from the parsed doubles, rounded once.",
    "distinct = nunique() (missing values not counted). top = [value, count] sorted by count desc, value asc.",
    "duplicateRows = DataFrame.duplicated().sum(): rows equal to an earlier row (missing equals missing).",
    "pearson/spearman: DataFrame.corr, pairwise-complete observations; spearman uses average ranks. "
    "pandas computes pearson with Welford's online update, which loses up to ~1e-7 (absolute) on big_offset; "
    "pearson.matrixTwoPass is the accurate two-pass value (math.fsum sums on the same rows).",
    "cramersV: bias-corrected (Bergsma 2013), chi2 from scipy chi2_contingency(correction=False), rows "
    "with a missing value in either column dropped; r, k = observed levels.",
    "eta = sqrt(SS_between / SS_total) on rows where both columns are present.",
    "outliers: Tukey counts values strictly outside [q25 - 1.5 iqr, q75 + 1.5 iqr]; robust z = "
    "0.6745 (x - median) / mad, count |z| > 3.5; robustZCount is null when mad == 0.",
]


# ----------------------------------------------------------------------------
# Dataset 1: stats-mixed
# ----------------------------------------------------------------------------


def make_stats_mixed():
    rng = np.random.default_rng(20240611)
    n = 500
    levels = np.array(["a", "b", "c", "d"])
    category = rng.choice(levels, size=n, p=[0.45, 0.30, 0.15, 0.10]).astype(object)
    cat_missing = rng.random(n) < 0.04
    category[cat_missing] = None

    offset = {"a": -2.0, "b": 2.0, "c": 4.0, "d": -4.0, None: 0.0}
    z_normal = rng.standard_normal(n)
    normal = [round(50.0 + offset[c] + 10.0 * z, 3) for c, z in zip(category, z_normal)]
    normal_missing = rng.random(n) < 0.03

    z_skew = 0.5 * z_normal + math.sqrt(0.75) * rng.standard_normal(n)
    skewed = [round(math.exp(1.0 + 0.9 * z), 4) for z in z_skew]
    skewed_missing = set(rng.choice(n, size=6, replace=False).tolist())

    tie_values = np.arange(-3, 10)
    tie_p = np.array([0.01, 0.02, 0.03, 0.12, 0.06, 0.14, 0.16, 0.13, 0.10, 0.08, 0.07, 0.05, 0.03])
    with_ties = rng.choice(tie_values, size=n, p=tie_p / tie_p.sum())

    # 1e9 + N(0, 0.5) on a grid of 1/32:
    # - the text has <= 5 decimals (<= 15 significant digits), so it is exactly repr() of the parsed
    #   double and every parser agrees (pandas 'high' and 'round_trip', JS parseFloat);
    # - every value and every partial sum of up to 549 values is an exact double (< 2**39 on a
    #   2**-5 grid), so the column sum is exact in any summation order and mean = fl(sum / n) is the
    #   same for every two-pass implementation. A smaller noise (e.g. sd 1e-3) makes skewness and
    #   kurtosis ill-conditioned: an error of one ulp(1e9) in the mean moves the skewness by percents.
    # A naive one-pass variance (sum of squares - n mean^2) is still completely wrong on this column.
    big_offset = [1e9 + int(k) / 32 for k in np.round(rng.normal(0.0, 0.5, n) * 32)]
    for v in big_offset:
        check(len(repr(v).replace(".", "").lstrip("0")) <= 15, f"big_offset text too long: {v!r}")

    tiny = [float(f"{v:.4e}") for v in rng.normal(1.0, 0.2, n) * 1e-12]

    probs2 = {
        "a": [0.70, 0.20, 0.10],
        "b": [0.20, 0.60, 0.20],
        "c": [0.10, 0.30, 0.60],
        "d": [0.34, 0.33, 0.33],
        None: [1 / 3, 1 / 3, 1 / 3],
    }
    category2 = [str(rng.choice(["x", "y", "z"], p=probs2[c])) for c in category]
    cat2_missing = rng.random(n) < 0.02
    p_true = {"a": 0.3, "b": 0.5, "c": 0.75, "d": 0.5, None: 0.5}
    flag = ["true" if rng.random() < p_true[c] else "false" for c in category]

    header = [
        "id",
        "normal",
        "skewed",
        "with_ties",
        "big_offset",
        "tiny",
        "constant",
        "category",
        "category2",
        "flag",
    ]
    rows = []
    for i in range(n):
        rows.append(
            [
                i + 1,
                None if normal_missing[i] else normal[i],
                None if i in skewed_missing else skewed[i],
                int(with_ties[i]),
                big_offset[i],
                tiny[i],
                7,
                category[i],
                None if cat2_missing[i] else category2[i],
                flag[i],
            ]
        )
    dup_sources = rng.choice(n, size=10, replace=False).tolist()
    rows += [list(rows[i]) for i in dup_sources]
    path = OUT / "stats-mixed.csv"
    write_csv(path, header, rows)

    return path


def make_stats_small():
    header = ["id", "score", "temp", "dose", "group", "shift"]
    rows = [
        [1, 3, -2.5, 0.1, "x", "am"],
        [2, 7, 0.0, 0.2, "y", "pm"],
        [3, 3, 1.5, 0.1, "x", "am"],
        [4, None, 4.0, 0.4, "z", "pm"],
        [5, 10, -2.5, 0.3, "y", "am"],
        [6, 3, None, 0.1, "x", "pm"],
        [7, -4, 2.0, 0.25, None, "am"],
        [8, 7, 1.5, 0.2, "y", "pm"],
        [9, 0, 3.25, 0.5, "x", "am"],
        [10, 15, -1.0, 0.4, "z", "pm"],
        [11, 7, 0.0, 0.3, "y", "pm"],
        [3, 3, 1.5, 0.1, "x", "am"],  # exact duplicate of the third row
    ]
    path = OUT / "stats-small.csv"
    # write integers/halves readably: 0.0 -> "0", 4.0 -> "4" (pandas reads them back as the same float)
    lines = [",".join(header)]
    for r in rows:
        cells = []
        for v in r:
            if isinstance(v, float) and v.is_integer():
                cells.append(str(int(v)))
            else:
                cells.append(cell_text(v))
        lines.append(",".join(cells))
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


# ----------------------------------------------------------------------------
# k-means datasets
# ----------------------------------------------------------------------------

KMEANS_PARAMS = {
    "n_init": 10,
    "init": "k-means++",
    "max_iter": 300,
    "tol": 1e-4,
    "algorithm": "lloyd",
}
BEST_OF_SEEDS = list(range(20))


def silhouette_formula(Z, labels):
    d = np.sqrt(((Z[:, None, :] - Z[None, :, :]) ** 2).sum(axis=2))
    ks = np.unique(labels)
    s = np.zeros(len(Z))
    for i in range(len(Z)):
        own = labels == labels[i]
        n_own = own.sum()
        if n_own == 1:
            continue
        a = d[i, own].sum() / (n_own - 1)
        b = min(d[i, labels == k].mean() for k in ks if k != labels[i])
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


def ch_db_formula(Z, labels):
    ks = np.unique(labels)
    n, k = len(Z), len(ks)
    mean = Z.mean(axis=0)
    cents = np.array([Z[labels == c].mean(axis=0) for c in ks])
    sizes = np.array([(labels == c).sum() for c in ks])
    b = float((sizes * ((cents - mean) ** 2).sum(axis=1)).sum())
    w = float(sum(((Z[labels == c] - cents[i]) ** 2).sum() for i, c in enumerate(ks)))
    ch = (b / (k - 1)) / (w / (n - k))
    scat = np.array([np.sqrt(((Z[labels == c] - cents[i]) ** 2).sum(axis=1)).mean() for i, c in enumerate(ks)])
    db = 0.0
    for i in range(k):
        db += max((scat[i] + scat[j]) / np.sqrt(((cents[i] - cents[j]) ** 2).sum()) for j in range(k) if j != i)
    return ch, db / k


def fit(Z, k, seed):
    return KMeans(n_clusters=k, random_state=seed, **KMEANS_PARAMS).fit(Z)


def kmeans_reference(name, df, features, truth_col, label_k):
    X = df[features].to_numpy(dtype=np.float64)
    scaler = StandardScaler().fit(X)
    means, scales = scaler.mean_, scaler.scale_
    for j in range(X.shape[1]):
        check(close(means[j], math.fsum(X[:, j]) / len(X)), f"{name}: scaler mean")
        check(close(scales[j], np.std(X[:, j], ddof=0)), f"{name}: scaler scale (population std)")
    Z = scaler.transform(X)
    truth = df[truth_col].to_numpy()

    per_k = []
    label_fit = None
    for k in range(2, 11):
        km = fit(Z, k, 0)
        labels = km.labels_
        # inertia cross-check: squared distances to the reported centres
        inertia_alt = float(((Z - km.cluster_centers_[labels]) ** 2).sum())
        check(close(km.inertia_, inertia_alt, rel=1e-10), f"{name} k={k}: inertia")
        others = {seed: fit(Z, k, seed).inertia_ for seed in BEST_OF_SEEDS}
        best_seed = min(others, key=lambda s: (others[s], s))
        sil = silhouette_score(Z, labels)
        ch = calinski_harabasz_score(Z, labels)
        db = davies_bouldin_score(Z, labels)
        sil_alt = silhouette_formula(Z, labels)
        ch_alt, db_alt = ch_db_formula(Z, labels)
        check(close(sil, sil_alt, rel=1e-9), f"{name} k={k}: silhouette {sil!r} vs {sil_alt!r}")
        check(close(ch, ch_alt, rel=1e-10), f"{name} k={k}: CH {ch!r} vs {ch_alt!r}")
        check(close(db, db_alt, rel=1e-10), f"{name} k={k}: DB {db!r} vs {db_alt!r}")
        per_k.append(
            {
                "k": k,
                "inertia": float(km.inertia_),
                "nIter": int(km.n_iter_),
                "bestInertia": float(others[best_seed]),
                "bestInertiaRandomState": int(best_seed),
                "worstInertia": float(max(others.values())),
                "silhouette": float(sil),
                "calinskiHarabasz": float(ch),
                "daviesBouldin": float(db),
                "clusterSizes": sorted(np.bincount(labels).tolist(), reverse=True),
            }
        )
        if k == label_k:
            label_fit = {
                "k": k,
                "labels": labels.tolist(),
                "centers": km.cluster_centers_.tolist(),
                "inertia": float(km.inertia_),
                "adjustedRandVsTruth": float(adjusted_rand_score(truth, labels)),
                "truthColumn": truth_col,
            }

    pca2 = PCA(n_components=2, svd_solver="full").fit(Z)
    pca_all = PCA(svd_solver="full").fit(Z)
    eig = np.sort(np.linalg.eigvalsh(np.cov(Z.T, ddof=1)))[::-1]
    for j in range(2):
        check(close(pca2.explained_variance_ratio_[j], eig[j] / eig.sum(), rel=1e-10), f"{name}: PCA ratio")

    return {
        "dataset": f"{name}.csv",
        "generator": "tests/reference/make_reference.py",
        "versions": VERSIONS,
        "rows": int(len(df)),
        "features": features,
        "means": means.tolist(),
        "scales": scales.tolist(),
        "kmeansParams": {**KMEANS_PARAMS, "random_state": 0, "bestOfRandomStates": BEST_OF_SEEDS},
        "kmeans": per_k,
        "labels": label_fit,
        "pca": {
            "explainedVarianceRatio": pca2.explained_variance_ratio_.tolist(),
            "explainedVariance": pca2.explained_variance_.tolist(),
            "explainedVarianceRatioAll": pca_all.explained_variance_ratio_.tolist(),
        },
        "notes": [
            "Features are z-scored with StandardScaler: (x - mean) / scale, scale = population std (ddof=0).",
            "inertia: KMeans(random_state=0) with kmeansParams; bestInertia/worstInertia: min/max over "
            "random_state 0..19 (same params). Lower inertia than bestInertia is possible and fine.",
            "silhouette / calinskiHarabasz / daviesBouldin: sklearn.metrics on all rows, euclidean, with the "
            "labels of the random_state=0 fit. Cluster label numbers are arbitrary: compare partitions "
            "up to relabelling (e.g. adjusted Rand index).",
            "PCA on the z-scored data with svd_solver='full' (sklearn's 'auto' would pick the randomized "
            "solver for blobs, 600 > 500 rows). explainedVariance uses ddof=1.",
        ],
    }


def make_iris():
    data = load_iris()
    features = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    rows = [list(map(float, x)) + [str(data.target_names[t])] for x, t in zip(data.data, data.target)]
    path = OUT / "iris.csv"
    write_csv(path, features + ["species"], rows)
    df = read_csv(path, ["species"])
    check(np.array_equal(df[features].to_numpy(), data.data), "iris round trip")
    return df, features


def make_blobs_csv():
    X, y = make_blobs(n_samples=600, centers=4, n_features=3, cluster_std=0.8, random_state=7)
    features = ["x1", "x2", "x3"]
    rows = [list(map(float, x)) + [int(t)] for x, t in zip(X, y)]
    path = OUT / "blobs.csv"
    write_csv(path, features + ["true_label"], rows)
    df = read_csv(path, [], require_default_parser_agrees=False)
    check(np.array_equal(df[features].to_numpy(), X), "blobs round trip")
    return df, features


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------


def summary_stats(ref):
    print(f"  rows={ref['rows']} duplicateRows={ref['duplicateRows']}")
    for c in ref["columnOrder"]:
        s = ref["columns"][c]
        if s["kind"] == "numeric":
            o = ref["outliers"][c]
            print(
                f"  {c:<11} n={s['count']:<4} miss={s['missing']:<3} mean={s['mean']:<22.15g} "
                f"std={s['std']:<12.6g} skew={s['skewness']:<10.4g} kurt={s['kurtosis']:<10.4g} "
                f"tukey={o['tukeyCount']} robustZ={o['robustZCount']}"
            )
        else:
            print(f"  {c:<11} n={s['count']:<4} miss={s['missing']:<3} distinct={s['distinct']} top={s['top'][:4]}")
    for v in ref["cramersV"]:
        print(f"  cramersV {v['columns']}: {v['value']:.6f} (uncorrected {v['vUncorrected']:.6f}, n={v['n']})")
    for e in ref["eta"]:
        print(f"  eta {e['category']}->{e['numeric']}: {e['value']:.6f} (n={e['n']})")
    for c, e in ref["exact"].items():
        s = ref["columns"][c]
        rel_var = abs(s["var"] - e["var"]) / e["var"] if e["var"] else abs(s["var"])
        if rel_var > 1e-13:
            print(f"  note: {c} pandas var differs from exact var by {rel_var:.2e} relative")


def main():
    with threadpool_limits(limits=1):
        # --- stats-mixed ---
        path = make_stats_mixed()
        df = read_csv(path, ["category", "category2", "flag"])
        check(set(df["flag"].dropna()) == {"true", "false"}, "flag must stay text")
        ref = profile_dataset(
            "stats-mixed",
            df,
            numeric_cols=["id", "normal", "skewed", "with_ties", "big_offset", "tiny", "constant"],
            text_cols=["category", "category2", "flag"],
            corr_cols=["normal", "skewed", "with_ties", "big_offset", "tiny"],
            cramer_pairs=[("category", "category2"), ("category", "flag")],
            eta_pairs=[("category", "normal"), ("category", "with_ties")],
            notes=STATS_NOTES,
            ill_conditioned=("big_offset",),
        )
        check(df["big_offset"].sum() == sum(Fraction(v) for v in df["big_offset"]), "big_offset sum not exact")
        check(ref["duplicateRows"] == 10, "stats-mixed must have exactly 10 duplicate rows")
        write_json(OUT / "stats-mixed.reference.json", ref)
        print("stats-mixed.csv")
        summary_stats(ref)

        # --- stats-small ---
        path = make_stats_small()
        df = read_csv(path, ["group", "shift"])
        ref = profile_dataset(
            "stats-small",
            df,
            numeric_cols=["id", "score", "temp", "dose"],
            text_cols=["group", "shift"],
            corr_cols=["score", "temp", "dose"],
            cramer_pairs=[("group", "shift")],
            eta_pairs=[("group", "score"), ("group", "temp")],
            notes=STATS_NOTES,
        )
        check(ref["duplicateRows"] == 1, "stats-small must have exactly 1 duplicate row")
        write_json(OUT / "stats-small.reference.json", ref)
        print("stats-small.csv")
        summary_stats(ref)

        # --- k-means datasets ---
        for name, (df, features), truth, label_k in (
            ("iris", make_iris(), "species", 3),
            ("blobs", make_blobs_csv(), "true_label", 4),
        ):
            ref = kmeans_reference(name, df, features, truth, label_k)
            write_json(OUT / f"{name}.reference.json", ref)
            print(f"{name}.csv  means={np.round(ref['means'], 4).tolist()} scales={np.round(ref['scales'], 4).tolist()}")
            print(f"  PCA ratio={ref['pca']['explainedVarianceRatio']}")
            print(f"  ARI(k={label_k}) vs truth={ref['labels']['adjustedRandVsTruth']:.4f}")
            for r in ref["kmeans"]:
                print(
                    f"  k={r['k']:<2} inertia={r['inertia']:<20.12g} best={r['bestInertia']:<20.12g} "
                    f"worst={r['worstInertia']:<12.8g} sil={r['silhouette']:.4f} "
                    f"CH={r['calinskiHarabasz']:.3f} DB={r['daviesBouldin']:.4f}"
                )

    total = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    print(f"total size of {OUT.name}/: {total} bytes")


if __name__ == "__main__":
    main()
