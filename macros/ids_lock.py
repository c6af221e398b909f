"""Ids are for ever: data/ids.lock lists every id a reader's browser may have saved something under
(checklist items, worksheet questions, script cards). The build fails when one disappears from data/,
unless the lock says it was renamed (readers' saved ticks then move to the new id) or retired (with why).

Write or refresh the lock after adding ids: `make ids-lock` (python -m macros.ids_lock). It keeps
what the lock says about renamed and retired ids, and adds every id in data/ now.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

LOCK_NAME = "ids.lock"
KINDS = ("checklist items", "worksheet questions", "script cards")
FILE_OF = {"checklist items": "checklists.yml", "worksheet questions": "agreement.yml", "script cards": "scripts.yml"}
HEADER = """\
# Every id readers' browsers may have saved something under. Written by `make ids-lock`; keep it in git.
# Never remove an id here. If you rename one in data/, map it under `renamed` (old: new) so saved
# ticks follow it; if you drop one, list it under `retired` with the reason.
"""


def ids_in(content: dict) -> dict[str, list[str]]:
    """The ids in validated data/, by kind; a checklist item is `checklist/item` (its storage key)."""
    return {
        "checklist items": [f'{checklist["id"]}/{item["id"]}' for checklist in content.get("checklists.yml") or []
                            for item in checklist["items"] or []],
        "worksheet questions": [question["id"] for question in content.get("agreement.yml") or []],
        "script cards": [card["id"] for situation in content.get("scripts.yml") or [] for card in situation["cards"] or []],
    }


def read_lock(data_dir: Path) -> dict | None:
    path = data_dir / LOCK_NAME
    if not path.is_file():
        return None
    lock = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"renamed": {}, "retired": {}, **lock}


def lock_problems(content: dict, lock: dict | None) -> list[str]:
    """Each locked id that is no longer in data/, is not renamed to one that is, and is not retired."""
    if lock is None:
        return []
    present = ids_in(content)
    problems = []
    for kind in KINDS:
        if FILE_OF[kind] not in content:  # that file could not be read: its own problem says so
            continue
        for old in lock.get(kind) or []:
            if old in present[kind] or old in (lock["retired"] or {}):
                continue
            new = (lock["renamed"] or {}).get(old)
            if new is None:
                problems.append(
                    f'data/{LOCK_NAME}: the {kind[:-1]} id "{old}" is no longer in data/. Readers\' saved answers use it: '
                    f"put it back, or map it to its new id under `renamed:` ({old}: new-id), "
                    f"or list it under `retired:` with the reason")
            elif new not in present[kind]:
                problems.append(f'data/{LOCK_NAME}: "{old}" is renamed to "{new}", which is not in data/ either')
    return problems


def renamed_items(lock: dict | None, checklist_id: str) -> dict[str, str]:
    """A checklist's renamed item ids (old: new), for its page to move readers' saved ticks."""
    prefix = checklist_id + "/"
    return {old[len(prefix):]: new[len(prefix):] for old, new in ((lock or {}).get("renamed") or {}).items()
            if old.startswith(prefix) and new.startswith(prefix)}


def write_lock(data_dir: Path, content: dict) -> Path:
    lock = read_lock(data_dir) or {"renamed": {}, "retired": {}}
    present = ids_in(content)
    body = {kind: sorted(set(lock.get(kind) or []) | set(present[kind])) for kind in KINDS}
    body["renamed"], body["retired"] = lock["renamed"] or {}, lock["retired"] or {}
    path = data_dir / LOCK_NAME
    path.write_text(HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main(project: Path) -> int:
    from macros.content import load_content  # the lock is written from validated data only
    content = load_content(project / "data", project / "docs", check_lock=False)
    print(f"Wrote {write_lock(project / 'data', content).relative_to(project)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent.parent))
