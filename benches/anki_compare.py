"""Times Anki's own importers and recall's on the files `cargo bench --bench imports` writes, for
the README's comparison. Run by hand (cargo bench never needs Python):

    RECALL_BENCH_KEEP=/tmp/recall-bench cargo bench --bench imports
    python3 -m venv /tmp/ankienv && /tmp/ankienv/bin/pip install anki==26.9.3
    /tmp/ankienv/bin/python benches/anki_compare.py /tmp/recall-bench [RUNS]

Each import runs in a fresh process into a new, empty collection, and is timed as a whole process
(interpreter start, `import anki`, opening the collection, the import, closing), as recall's are.
The two programs run alternately on the same file, each run after `sync` and a pause (no dirty
pages of the run before), so a machine whose speed drifts treats both alike; the medians and
their ratio are printed.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import sys
from anki.collection import Collection, ImportAnkiPackageRequest, ImportAnkiPackageOptions
from anki.collection import ImportCsvRequest
kind, source, target = sys.argv[1:4]
col = Collection(target)
if kind == "csv":
    metadata = col.get_csv_metadata(path=source, delimiter=None)
    col.import_csv(ImportCsvRequest(path=source, metadata=metadata))
else:
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=source,
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)))
col.close()
"""


def whole_process(kind, source):
    with tempfile.TemporaryDirectory() as scratch:
        target = os.path.join(scratch, "collection.anki2")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", CHILD, kind, source, target], check=True)
        return time.perf_counter() - start


RECALL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "recall")


def recall_process(source):
    with tempfile.TemporaryDirectory() as scratch:
        target = os.path.join(scratch, "collection.db")
        start = time.perf_counter()
        subprocess.run([RECALL, "--db", target, "--now", "2026-12-01T12:00:00+00:00", "import", source],
                       check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def settle():
    os.sync()
    time.sleep(2)


def main():
    folder = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for label, kind, name in [
        ("import a 100,000-line TSV", "csv", "cards-100k.tsv"),
        ("import a 100,000-card package, 1,000,000 reviews", "apkg", "collection-100k.apkg"),
    ]:
        source = os.path.join(folder, name)
        if not os.path.exists(source):
            continue
        ours, theirs = [], []
        for _ in range(runs):
            settle()
            ours.append(recall_process(source))
            settle()
            theirs.append(whole_process(kind, source))
        print(f"{label}: recall median {statistics.median(ours):.3f} s "
              f"(runs {' '.join(f'{t:.2f}' for t in ours)}), "
              f"Anki 26.9.3 median {statistics.median(theirs):.3f} s "
              f"(runs {' '.join(f'{t:.2f}' for t in theirs)}): "
              f"recall {statistics.median(theirs) / statistics.median(ours):.2f}x faster", flush=True)


if __name__ == "__main__":
    main()
