"""Times Anki's own importers on the files `cargo bench --bench imports` writes, for the README's
comparison. Run by hand (cargo bench never needs Python):

    RECALL_BENCH_KEEP=/tmp/recall-bench cargo bench --bench imports
    python3 -m venv /tmp/ankienv && /tmp/ankienv/bin/pip install anki==26.9.3
    /tmp/ankienv/bin/python benches/anki_compare.py /tmp/recall-bench

Each import runs in a fresh process into a new, empty collection, and is timed as a whole process
(interpreter start, `import anki`, opening the collection, the import, closing), as recall's are.
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


def main():
    folder = sys.argv[1]
    for label, kind, name, runs in [
        ("import a 100,000-line TSV", "csv", "cards-100k.tsv", 3),
        ("import a 100,000-card package, 1,000,000 reviews", "apkg", "collection-100k.apkg", 3),
    ]:
        source = os.path.join(folder, name)
        if not os.path.exists(source):
            continue
        times = [whole_process(kind, source) for _ in range(runs)]
        print(f"Anki 26.9.3: {label:<48} median {statistics.median(times):8.3f} s ({runs} runs)")


if __name__ == "__main__":
    main()
