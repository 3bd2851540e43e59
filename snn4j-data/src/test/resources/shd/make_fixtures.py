"""Makes the SHD fixture files used by ShdFileTest (run once; the outputs are committed).

Needs Debian's h5py (apt-get install python3-h5py; /usr/bin/python3 make_fixtures.py).
The layout is the Spiking Heidelberg Digits one (Cramer et al. 2020): spikes/times and spikes/units
are variable-length arrays, one per sample (times in seconds as float16, units as uint16 channels
0..699), labels is uint16, extra/ holds metadata the reader ignores.
"""
import h5py
import numpy as np

# Sample 0 is worked out by hand in the test; the others are small random ones.
SAMPLES = [
    (np.array([0.0, 0.004, 0.0149, 0.0151, 0.031, 0.5], dtype=np.float16),
     np.array([3, 699, 3, 3, 0, 5], dtype=np.uint16), 7),
    (np.array([], dtype=np.float16), np.array([], dtype=np.uint16), 0),
]
rng = np.random.default_rng(1)
for label in (19, 4):
    n = 40
    SAMPLES.append((np.sort(rng.random(n) * 1.2).astype(np.float16),
                    rng.integers(0, 700, n).astype(np.uint16), label))


def write(path, with_units=True):
    with h5py.File(path, "w") as f:
        times = f.create_dataset("spikes/times", (len(SAMPLES),), dtype=h5py.vlen_dtype(np.float16))
        if with_units:
            units = f.create_dataset("spikes/units", (len(SAMPLES),), dtype=h5py.vlen_dtype(np.uint16))
        for i, (t, u, _) in enumerate(SAMPLES):
            times[i] = t
            if with_units:
                units[i] = u
        f.create_dataset("labels", data=np.array([s[2] for s in SAMPLES], dtype=np.uint16))
        f.create_dataset("extra/speaker", data=np.arange(len(SAMPLES), dtype=np.uint16))


write("shd_fixture.h5")
write("shd_no_units.h5", with_units=False)
