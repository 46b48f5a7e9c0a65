#!/usr/bin/env python3
"""Keeps scenes/schema/scene.schema.json in step with the C++ parser.

Checks that the schema is valid JSON Schema 2020-12, that the example scene passes it, and that
each mistake the parser rejects (see scene_parser_errors_test.cpp) is rejected by the schema
too, at the same place. Exits 77 (skipped) when the jsonschema module is not installed
(Debian: python3-jsonschema).
"""
import copy
import json
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    print("python jsonschema is not installed; skipping the schema check")
    sys.exit(77)

root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3]
schema = json.loads((root / "scenes/schema/scene.schema.json").read_text(encoding="utf-8"))
example = json.loads((root / "scenes/example/example.scene.json").read_text(encoding="utf-8"))

jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = []
errors = list(validator.iter_errors(example))
if errors:
    failures.append("example scene: " + "; ".join(e.message for e in errors))


def expect_invalid(name, change, where):
    doc = copy.deepcopy(example)
    change(doc)
    errors = list(validator.iter_errors(doc))
    if not errors:
        failures.append(f"{name}: the schema accepted it")
        return
    paths = ["/" + "/".join(str(p) for p in e.absolute_path) for e in errors]
    if not any(p.startswith(where) for p in paths):
        failures.append(f"{name}: rejected at {paths}, expected under {where}")


poi = lambda d: d["pois"][0]
expect_invalid("missing English narration", lambda d: poi(d)["narration"].pop("en"), "/pois/0/narration")
expect_invalid("time of day", lambda d: d["environment"].update(timeOfDay="7:30"), "/environment/timeOfDay")
expect_invalid("path escape", lambda d: d["models"][0].update(path="../x.glb"), "/models/0/path")
expect_invalid("absolute path", lambda d: d["models"][0].update(path="/etc/passwd"), "/models/0/path")
expect_invalid("URI scheme", lambda d: d["models"][0].update(path="http://x/m.glb"), "/models/0/path")
expect_invalid("unknown key", lambda d: d["lights"][0].update(colour=[1, 1, 1]), "/lights/0")
expect_invalid("gesture", lambda d: d["tours"][0]["stops"][0].update(gesture="bow"), "/tours/0/stops/0/gesture")
expect_invalid("empty title", lambda d: d["title"].update(en=""), "/title/en")
expect_invalid("huge coordinate", lambda d: poi(d).update(anchor=[0, 1e30, 0]), "/pois/0/anchor/1")
expect_invalid("format version", lambda d: d.update(formatVersion=2), "/formatVersion")
expect_invalid("both rotations", lambda d: d["models"][0]["transform"].update(rotationQuaternion=[0, 0, 0, 1]), "/models/0/transform")
expect_invalid("bad id", lambda d: d["models"][0].update(id="my model"), "/models/0/id")
expect_invalid("spot without direction", lambda d: d["lights"][1].pop("direction"), "/lights/1")
expect_invalid("VRM bone", lambda d: d["guide"].update(boneMap={"Bip01": "Head"}), "/guide/boneMap")
expect_invalid("pinyin", lambda d: d["guide"].update(pinyinLexicon={"重庆": "chongqing"}), "/guide/pinyinLexicon")
expect_invalid("no stops", lambda d: d["tours"][0].update(stops=[]), "/tours/0/stops")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("schema OK: example valid, 16 mistakes rejected at the right place")
