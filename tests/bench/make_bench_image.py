#!/usr/bin/env python3
"""Writes the pull benchmark's image as an OCI layout: 5 gzip layers, ~500 MB unpacked, one of
them ~20,000 small files. Contents are pseudo-random (seeded), so the run is repeatable and
gzip cannot shrink the big files much, as with real binaries.
usage: make_bench_image.py LAYOUT_DIR [SCALE]   (SCALE 1.0 = full size; 0.05 for a smoke run)"""
import gzip, hashlib, io, json, os, random, sys, tarfile

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
rng = random.Random(20261123)

def tar_layer(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for path, data in entries:
            if data is None:
                ti = tarfile.TarInfo(path); ti.type = tarfile.DIRTYPE; ti.mode = 0o755; t.addfile(ti)
            else:
                ti = tarfile.TarInfo(path); ti.size = len(data); ti.mode = 0o644; ti.mtime = 1735689600
                t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()

def small_files(n):
    entries = [("usr", None), ("usr/share", None), ("usr/share/bench", None)]
    for d in range(n // 500 + 1):
        entries.append((f"usr/share/bench/d{d:03d}", None))
    for i in range(n):
        size = rng.randint(200, 6000)
        entries.append((f"usr/share/bench/d{i // 500:03d}/f{i:05d}.txt", rng.randbytes(size // 2).hex().encode()[:size]))
    return entries

def big_files(tag, total):
    entries = [(f"opt", None), (f"opt/{tag}", None)]
    left, i = total, 0
    while left > 0:
        size = min(left, 16 << 20)
        # Half random, half repeated text: compresses about 1.5x, like typical binaries.
        raw = rng.randbytes(size // 2) + (b"berth benchmark line\n" * (size // 42 + 1))[: size - size // 2]
        entries.append((f"opt/{tag}/blob{i:03d}.bin", raw))
        left -= size; i += 1
    return entries

layers = [small_files(int(20000 * scale))] + [big_files(f"l{k}", int(105e6 * scale)) for k in range(4)]
os.makedirs(f"{out}/blobs/sha256", exist_ok=True)
def put(data):
    d = hashlib.sha256(data).hexdigest()
    with open(f"{out}/blobs/sha256/{d}", "wb") as f: f.write(data)
    return "sha256:" + d, len(data)
descs, diffs = [], []
for entries in layers:
    tar = tar_layer(entries)
    diffs.append("sha256:" + hashlib.sha256(tar).hexdigest())
    dg, size = put(gzip.compress(tar, compresslevel=6, mtime=0))
    descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": dg, "size": size})
config = json.dumps({"architecture": "amd64", "os": "linux", "created": "2025-01-01T00:00:00Z",
                     "config": {"Cmd": ["/bin/sh"]}, "rootfs": {"type": "layers", "diff_ids": diffs},
                     "history": [{"created_by": f"layer {i}"} for i in range(len(diffs))]}).encode()
cd, cs = put(config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
                       "layers": descs}).encode()
md, ms = put(manifest)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md,
           "size": ms, "annotations": {"org.opencontainers.image.ref.name": "bench"}}]}, open(f"{out}/index.json", "w"))
json.dump({"imageLayoutVersion": "1.0.0"}, open(f"{out}/oci-layout", "w"))
print(" ".join(d["digest"].split(":")[1] for d in descs))
