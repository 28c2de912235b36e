#!/usr/bin/env python3
"""ctest dataset.schema: generate a small dataset with the syncsmith CLI and
check every record and the manifest against docs/dataset.schema.json
(draft 2020-12) with python3's jsonschema; also load it the way
docs/dataset.md tells users to, and check `dataset stats --json`."""
import gzip
import json
import pathlib
import shutil
import subprocess
import sys

import jsonschema


def main(syncsmith, schema_path, out):
    schema = json.loads(pathlib.Path(schema_path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    records = jsonschema.Draft202012Validator(schema)
    manifest_schema = dict(schema["$defs"]["manifest"])
    manifest_schema["$defs"] = schema["$defs"]
    manifests = jsonschema.Draft202012Validator(manifest_schema)

    out = pathlib.Path(out)
    shutil.rmtree(out, ignore_errors=True)
    for gz in (False, True):
        d = out / ("gz" if gz else "plain")
        cmd = [syncsmith, "dataset", "--n", "24", "--seed", "500", "--out", str(d), "--bugs", "2",
               "--shard-size", "7", "--jobs", "2", "--oracle-time-ms", "0"]
        if gz:
            cmd.append("--gzip")
        subprocess.run(cmd, check=True)
        manifest = json.loads((d / "manifest.json").read_text())
        manifests.validate(manifest)
        n = 0
        for shard in manifest["shards"]:
            path = d / shard["file"]
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as f:
                for line in f:
                    rec = json.loads(line)
                    errors = sorted(records.iter_errors(rec), key=lambda e: list(e.path))
                    if errors:
                        e = errors[0]
                        sys.exit(f"{path}: record {rec.get('id')}: {list(e.path)}: {e.message}")
                    assert rec["split"] == shard["split"], (rec["id"], shard["file"])
                    n += 1
        assert n == manifest["n"] == 24, n
        # The schema is not vacuous: broken copies of a record fail.
        broken = [dict(rec, id=7), {k: v for k, v in rec.items() if k != "modes"},
                  dict(rec, split="dev"), dict(rec, extra=1)]
        if rec["hazards"]:
            h = dict(rec["hazards"][0], distance="sometimes")
            broken.append(dict(rec, hazards=[h]))
        for b in broken:
            assert not records.is_valid(b), sorted(set(b) ^ set(rec))
        stats = json.loads(subprocess.run([syncsmith, "dataset", "stats", str(d), "--json"], check=True,
                                          capture_output=True, text=True).stdout)
        assert stats["records"] == 24, stats["records"]
    # Same bytes, gzip or not, once decompressed.
    for shard in json.loads((out / "plain" / "manifest.json").read_text())["shards"]:
        plain = (out / "plain" / shard["file"]).read_bytes()
        zipped = gzip.decompress((out / "gz" / (shard["file"] + ".gz")).read_bytes())
        assert plain == zipped, shard["file"]
    print(f"dataset.schema: 48 records and 2 manifests valid")


if __name__ == "__main__":
    main(*sys.argv[1:4])
