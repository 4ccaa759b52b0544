#!/usr/bin/python3
"""numpy reads hrsnn's spikes.npy and it holds exactly the spikes of spikes.csv.

    check_npy.py HRSNN_BIN
"""
import csv
import subprocess
import sys
import tempfile

import numpy as np

with tempfile.TemporaryDirectory() as tmp:
    run = tmp + "/run"
    subprocess.run([sys.argv[1], "simulate", "--duration", "1000", "--dt", "1", "--set", "network.n=200",
                    "--out", run, "--spikes", "both"], check=True, stdout=subprocess.DEVNULL)
    spikes = np.load(run + "/spikes.npy")
    rows = list(csv.DictReader(open(run + "/spikes.csv")))
    assert spikes.dtype.names == ("neuron", "step"), spikes.dtype
    assert len(rows) == spikes.shape[0] > 100, (len(rows), spikes.shape)
    for i, r in enumerate(rows):
        assert int(r["neuron"]) == spikes["neuron"][i] and int(r["step"]) == spikes["step"][i], i
print("spikes.npy equals spikes.csv (%d spikes)" % len(rows))
