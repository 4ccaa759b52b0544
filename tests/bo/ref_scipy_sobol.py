#!/usr/bin/python3
"""Reference test: hrsnn's unscrambled Sobol points equal scipy.stats.qmc.Sobol's (21 dims)."""
import json
import subprocess
import sys

import numpy as np
from scipy.stats import qmc

tool = sys.argv[1]
n, d = 1024, 21
res = subprocess.run([tool], input=json.dumps(dict(cmd="sobol", n=n, d=d)), capture_output=True,
                     text=True, check=True)
ours = np.array(json.loads(res.stdout)["points"])
ref = qmc.Sobol(d, scramble=False).random(n)
err = np.max(np.abs(ours - ref))
print(f"max |hrsnn - scipy| over {n} points x {d} dims: {err:.3g}")
sys.exit(0 if err < 1e-12 else 1)
