"""Every command-line error is one line with exit status 2, naming the file as the user
gave it: outputs that cannot be written, stores that cannot be made, opened or read, a
lexicon with a value of the wrong type. The store tells "in use", "corrupt" and "not a
store" apart."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from timeline import cli
from timeline.corpus.store import NotAStore, StoreBusy, StoreCorrupt, create_store, open_store
from timeline.text.documents import DocumentError

from .fixtures import ARTICLE, front_matter

REPO = Path(__file__).resolve().parents[2]


def timeline(*args: str, cwd: Path, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """A real ``timeline`` process in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        cwd=cwd,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def run_cli(monkeypatch, capsys):
    """``timeline`` in this process (the model loads once), from ``cwd``."""

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        monkeypatch.chdir(cwd)
        status = cli.main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, status, out, err)

    return run


def one_line_error(result, *, names: str, cwd: Path) -> str:
    """The run failed with status 2 and one line that names ``names`` as given."""
    assert result.returncode == 2, result.stderr
    err = result.stderr
    assert err.count("\n") == 1 and err.startswith("timeline: error: "), err
    assert "Traceback" not in err
    assert f"error: {names}: " in err
    assert str(cwd) not in err.replace(f"{names}", ""), err  # no absolute path added
    return err


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "art.txt").write_bytes(front_matter(ARTICLE))
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file").write_text("x")
    return tmp_path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """A folder with a real store, a corrupt copy, a text file and an empty file."""
    folder = tmp_path_factory.mktemp("stores")
    store = folder / "good.duckdb"
    create_store(store)
    data = bytearray(store.read_bytes())
    for index in range(20_000, 30_000):
        data[index] ^= 0xFF
    (folder / "damaged.duckdb").write_bytes(data)
    (folder / "short.duckdb").write_bytes(store.read_bytes()[:5_000])
    (folder / "notes.duckdb").write_text("just some text\n" * 100)
    return folder


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("folder", "cannot write (Is a directory)"),
        ("missing/out.csv", "cannot write (No such file or directory)"),
        ("/dev/full", "cannot write (No space left on device)"),
        ("a-file/out.csv", "cannot write (Not a directory)"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "export"])
def test_an_unwritable_output_is_one_line(run_cli, workdir, store_dir, output, reason, command):
    if output == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    if command == "extract":
        args = ["extract", "art.txt", "--output", output]
    else:
        args = ["export", "--store", str(store_dir / "good.duckdb"), "--output", output]
    err = one_line_error(run_cli(*args, cwd=workdir), names=output, cwd=workdir)
    assert reason in err


def test_standard_output_on_a_full_disk_is_one_line(workdir):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = timeline("extract", "art.txt", cwd=workdir, stdout=full)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "standard output: cannot write (No space left on device)" in result.stderr


@pytest.mark.skipif(shutil.which("unshare") is None, reason="no unshare")
def test_a_read_only_file_system(workdir):
    """A private mount namespace with a read-only tmpfs (skipped where that is not allowed)."""
    (workdir / "ro").mkdir()
    script = (
        f"mount -t tmpfs -o ro,size=1m none {workdir / 'ro'} || exit 77; "
        f"{sys.executable} -m timeline extract art.txt -o ro/out.csv; echo status=$?; "
        f"{sys.executable} -m timeline ingest art.txt --store ro/s.duckdb; echo status=$?; "
        f"{sys.executable} -m timeline ingest art.txt --store ro/sub/s.duckdb; echo status=$?"
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=workdir,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    if result.returncode == 77 or "status=" not in result.stdout:
        pytest.skip(f"cannot mount here: {result.stderr.strip()[:200]}")
    assert result.stdout.split() == ["status=2"] * 3, result.stderr
    lines = result.stderr.splitlines()
    assert lines == [
        "timeline: error: ro/out.csv: cannot write (Read-only file system)",
        "timeline: error: ro/s.duckdb: cannot open the store (read-only file system); "
        "give --store a file in a folder you can write to",
        "timeline: error: ro/sub/s.duckdb: no store can be made there: cannot create the "
        "folder ro/sub (Read-only file system); choose another --store",
    ]


@pytest.mark.parametrize("store", ["a-file/s.duckdb", "a-file/deeper/s.duckdb"])
def test_a_store_under_a_file_is_one_line(run_cli, workdir, store):
    err = one_line_error(
        run_cli("ingest", "art.txt", "--store", store, cwd=workdir), names=store, cwd=workdir
    )
    assert "no store can be made there: a-file is a file, not a folder" in err


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        ("damaged.duckdb", StoreCorrupt, "the store is corrupt (a checksum does not match)"),
        ("short.duckdb", StoreCorrupt, "the store is corrupt (the file is cut short)"),
        ("notes.duckdb", NotAStore, "not a timeline store (the file is not a DuckDB database)"),
    ],
)
def test_corrupt_and_foreign_stores_are_told_apart_at_once(
    run_cli, store_dir, tmp_path, name, kind, words
):
    copy = tmp_path / name  # a copy: opening may leave a .wal beside it
    copy.write_bytes((store_dir / name).read_bytes())
    for read_only in (False, True):
        started = time.monotonic()
        with pytest.raises(kind) as error, open_store(copy, read_only=read_only, wait=10):
            pass
        assert time.monotonic() - started < 2  # no retrying as if it were locked
        assert words in str(error.value) and "\n" not in str(error.value)
    result = run_cli("export", "--store", name, cwd=tmp_path)
    one_line_error(result, names=name, cwd=tmp_path)


def test_a_store_in_use_says_so_and_by_whom(tmp_path):
    store = tmp_path / "busy.duckdb"
    create_store(store)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(store)!r}); "
         "print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusy) as error, open_store(store, wait=0.3):
            pass
    finally:
        holder.kill()
        holder.wait()
    message = str(error.value)
    assert message.startswith(f"{store}: the store is in use by another process (process ")
    assert "wait for it to finish" in message


def test_a_store_in_a_folder_called_blocked_is_not_busy(tmp_path):
    folder = tmp_path / "blocked"
    folder.mkdir()
    (folder / "corrupt.duckdb").write_text("not a database\n" * 50)
    with pytest.raises(NotAStore), open_store(folder / "corrupt.duckdb"):
        pass


@pytest.mark.parametrize(
    ("lexicon", "words"),
    [
        ("arrest: {triggers: [arrested], weight: heavy}", "'weight' must be a number"),
        ("arrest: {triggers: [arrested], examples: 5}", "'examples' must be a list of text"),
        ("arrest: {triggers: [arrested], not: [1, 2]}", "'not' must be a list of text"),
        ("arrest: {triggers: [arrested], reporting: 'yes'}", "'reporting' must be true or false"),
        ("arrest: 5", "needs a list of trigger phrases"),
    ],
)
def test_a_lexicon_with_a_wrong_value_type_is_one_line(run_cli, workdir, lexicon, words):
    (workdir / "lex.yaml").write_text(lexicon + "\n")
    result = run_cli("extract", "art.txt", "--event-types", "lex.yaml", cwd=workdir)
    assert words in one_line_error(result, names="lex.yaml", cwd=workdir)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_lexicon_that_never_ends_is_refused(run_cli, workdir):
    result = run_cli("extract", "art.txt", "--event-types", "/dev/zero", cwd=workdir)
    assert "a character device, not a file" in result.stderr and result.returncode == 2


def test_an_unexpected_error_is_one_line_unless_debugging(monkeypatch, capsys, workdir):
    def broken(args):
        raise RuntimeError("something nobody expected\nsecond line")

    monkeypatch.setattr(cli, "run_extract", broken)  # the parser is built in main()
    assert cli.main(["extract", str(workdir / "art.txt")]) == 2
    err = capsys.readouterr().err
    assert err == (
        "timeline: error: unexpected RuntimeError: something nobody expected "
        "(set TIMELINE_DEBUG=1 to see where)\n"
    )
    monkeypatch.setenv("TIMELINE_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["extract", str(workdir / "art.txt")])


def test_the_store_error_words_do_not_depend_on_duckdb_raising_one_class():
    from timeline.corpus.store.errors import store_error

    error = duckdb.IOException('Could not set lock on file "x.duckdb": Conflicting lock (PID 7)')
    assert isinstance(store_error("x.duckdb", error), StoreBusy)
    assert isinstance(store_error("x.duckdb", OSError("something else")), DocumentError)
