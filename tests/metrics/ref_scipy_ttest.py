"""Reference test: our paired one-sided t-test against scipy.stats.ttest_rel (scipy 1.10).

Usage: /usr/bin/python3 ref_scipy_ttest.py <path to metrics_ref_tool>
"""
import subprocess
import sys

import numpy as np
from scipy import stats


def main():
    tool = sys.argv[1]
    rng = np.random.default_rng(7)
    worst = 0.0
    cases = [(n, shift) for n in (2, 3, 5, 8, 30) for shift in (-1.0, 0.0, 0.3, 2.0)]
    for n, shift in cases:
        a = rng.normal(size=n) * 2.0 + 10.0
        b = a - shift + rng.normal(size=n) * 0.5
        text = "".join(f"{x!r} {y!r}\n" for x, y in zip(a, b))
        out = subprocess.run([tool], input=text, capture_output=True, text=True, check=True).stdout.split()
        t, pg, pl, p2 = (float(v) for v in out)
        ref_t = stats.ttest_rel(a, b).statistic
        ref = [stats.ttest_rel(a, b, alternative=alt).pvalue for alt in ("greater", "less", "two-sided")]
        err = max(abs(t - ref_t) / max(1.0, abs(ref_t)),
                  *(abs(p - r) / max(1e-300, r) if r < 1e-3 else abs(p - r) for p, r in zip((pg, pl, p2), ref)))
        worst = max(worst, err)
        print(f"n={n:2d} shift={shift:+.1f}: t {t:+.6f} (scipy {ref_t:+.6f}) p> {pg:.3e} (scipy {ref[0]:.3e}) "
              f"p< {pl:.3e} (scipy {ref[1]:.3e}) err {err:.1e}")
    ok = worst < 1e-10
    print(f"worst error {worst:.2e}: {'PASS' if ok else 'FAIL'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
