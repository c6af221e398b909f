"""JSON Schemas for data/*.yml, exported from the definitions the build validates with
(macros/content.py SCHEMAS), so an editor's YAML extension and the build never disagree.

Write them after changing a definition: `make schemas` (python -m macros.schemas). A test fails
while they are out of date. The build's own checks go further (links to chapters and their sections,
ids unique in a list, cross-file references, data/ids.lock); the schemas give the shape as you type.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.content import SCHEMAS

SCHEMA_DIR = "data/schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_path(data_file: str) -> str:
    """Where a data file's schema lives, relative to the project: data/schemas/checklists.schema.json."""
    return f"{SCHEMA_DIR}/{data_file.removesuffix('.yml')}.schema.json"


def schema_for(data_file: str) -> dict:
    return {"$schema": DIALECT, "title": f"data/{data_file}", **SCHEMAS[data_file].json_schema()}


def schema_text(data_file: str) -> str:
    return json.dumps(schema_for(data_file), indent=2, ensure_ascii=False) + "\n"


def write_schemas(project: Path) -> list[Path]:
    (project / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
    written = []
    for data_file in SCHEMAS:
        path = project / schema_path(data_file)
        path.write_text(schema_text(data_file), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    project = Path(__file__).resolve().parent.parent
    for path in write_schemas(project):
        print(f"Wrote {path.relative_to(project)}")
    sys.exit(0)
