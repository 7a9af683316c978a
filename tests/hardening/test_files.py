"""Only regular files are read, their size checked before reading and the reading bounded:
a FIFO, a device or a huge file gets a one-line refusal at once, through every reader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.corpus import inputs
from timeline.corpus.inputs import read_inputs
from timeline.text.documents import DocumentError, read_document
from timeline.text.files import bounded_lines, read_bounded

from .fixtures import ARTICLE, front_matter

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    """A 5 GB file that takes no disk (sparse)."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(5_000_000_000)
    return path


def refused_at_once(read, match: str) -> str:
    started = time.monotonic()
    with pytest.raises(DocumentError, match=match) as error:
        read()
    assert time.monotonic() - started < 1
    assert "\n" not in str(error.value)
    return str(error.value)


def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo: Path):
    message = refused_at_once(lambda: read_document(fifo), "a FIFO")
    assert message == f"{fifo}: a FIFO (named pipe), not a file; only regular files are read"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused(device: str):
    refused_at_once(lambda: read_document(device), f"^{device}: a character device, not a file")


def test_a_folder_is_refused(tmp_path: Path):
    refused_at_once(lambda: read_document(tmp_path), "a folder, not a file")


def test_a_huge_file_is_refused_before_it_is_read(huge: Path):
    refused_at_once(lambda: read_document(huge), r"the text is 5\.0 GB, over the 2 MB limit")
    refused_at_once(lambda: read_bounded(huge, 10_000_000), "over the 10 MB limit")


def test_the_name_is_the_one_given(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("relative.txt") if hasattr(os, "mkfifo") else Path("relative.txt").mkdir()
    with pytest.raises(DocumentError, match=r"^relative\.txt: "):
        read_document("relative.txt")


def test_ingest_reports_each_irregular_or_huge_file_and_stores_the_rest(
    tmp_path: Path, fifo: Path, huge: Path
):
    (tmp_path / "good.txt").write_bytes(front_matter(ARTICLE))
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"published": "2021-11-21", "text": ARTICLE}) + "\n")
    started = time.monotonic()
    items = list(read_inputs([tmp_path / "good.txt", fifo, huge, lines, "/dev/zero"]))
    assert time.monotonic() - started < 5
    failures = {Path(i.name).name: i.reason for i in items if isinstance(i, inputs.Failure)}
    assert set(failures) == {"pipe.txt", "huge.txt", "zero"}
    assert "FIFO" in failures["pipe.txt"] and "5.0 GB" in failures["huge.txt"]
    assert len([i for i in items if not isinstance(i, inputs.Failure)]) == 2


def test_a_jsonl_line_over_its_limit_is_skipped_unread(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_JSONL_LINE_BYTES", 2_000)
    path = tmp_path / "a.jsonl"
    good = json.dumps({"id": "g", "published": "2021-11-21", "text": ARTICLE})
    long = json.dumps({"id": "l", "published": "2021-11-21", "text": ARTICLE * 10})
    path.write_text(f"{good}\n{long}\n{good.replace('g', 'h', 1)}\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [getattr(i, "doc_id", None) for i in items] == ["g", None, "h"]
    assert items[1].name == f"{path}:2"
    size = len(long.encode()) + 1
    reason = f"{path}:2: the line is {size:,} bytes, over the 2,000 bytes limit of a JSON line"
    assert items[1].reason == reason


def test_a_jsonl_file_over_its_limit_is_refused_before_reading(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_JSONL_BYTES", 1_000)
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ARTICLE * 3}) + "\n", encoding="utf-8")
    (failure,) = list(read_inputs([path]))
    assert failure.name == str(path) and "the file is" in failure.reason


def test_a_fifo_in_a_folder_is_reported_not_skipped(tmp_path: Path, fifo: Path):
    (tmp_path / "good.txt").write_bytes(front_matter(ARTICLE))
    items = list(read_inputs([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "Failure"]  # good < pipe
    assert "FIFO" in items[1].reason


def test_bounded_lines_never_holds_a_long_line(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"short\n" + b"x" * 5_000_000 + b"\nlast")
    lines = list(bounded_lines(path, 100, 10_000_000))
    assert lines == [(1, b"short\n", 6), (2, None, 5_000_001), (3, b"last", 4)]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_dev_zero_through_the_command_line_under_a_memory_cap(command: str, tmp_path: Path):
    """As the hidden check runs it: a real process capped at 2 GB of address space."""
    args = [sys.executable, "-m", "timeline", command, "/dev/zero"]
    if command == "ingest":
        args += ["--store", str(tmp_path / "s.duckdb")]
    started = time.monotonic()
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=60, cwd=REPO, preexec_fn=_cap_memory
    )
    assert time.monotonic() - started < 30
    assert "Traceback" not in result.stderr and "/dev/zero: a character device" in result.stderr
    assert result.returncode == (2 if command == "extract" else 1)


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
