"""Who may change the timeline, and how often.

Anyone who could open the page could add articles and correct or hide events for every
visitor (issue 15). An app now serves in one of three modes (``Access.mode``):

- ``open``: anyone who can open the page may add and correct. For local use: ``python
  app.py`` binds 127.0.0.1.
- ``editors``: everyone reads; adding and correcting need an editor's sign-in. ``/sign-in``
  asks for a name and password (HTTP Basic, through flask-httpauth); the browser then sends
  them with each of the page's requests, and every write checks them again. Editors come
  from a file of ``name:password-hash`` lines (``TIMELINE_EDITORS``; ``timeline editor
  NAME`` makes a line) or, for one editor named "editor", from ``TIMELINE_EDITOR_PASSWORD``:
  never from the repository.
- ``read-only``: no one changes anything; the forms are hidden and their callbacks refuse.

Writes are rate limited per editor (or per address when no one signs in) with
flask-limiter, and so are sign-in attempts. Limits are counted in each server process.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, has_request_context, redirect, request
from flask_httpauth import HTTPBasicAuth
from flask_limiter import Limiter, RateLimitExceeded
from werkzeug.security import check_password_hash, generate_password_hash

from timeline.text.documents import DocumentError

OPEN, EDITORS, READ_ONLY = "open", "editors", "read-only"
MODES = (OPEN, EDITORS, READ_ONLY)
#: Environment variables: a file of editors, or one editor's password; the mode when no
#: editors are named ("read-only" or "open"); the rate limits of adding and correcting.
EDITORS_VARIABLE = "TIMELINE_EDITORS"
PASSWORD_VARIABLE = "TIMELINE_EDITOR_PASSWORD"
MODE_VARIABLE = "TIMELINE_MODE"
ADD_LIMIT_VARIABLE = "TIMELINE_ADD_LIMIT"
CORRECT_LIMIT_VARIABLE = "TIMELINE_CORRECT_LIMIT"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: The editor a password from the environment signs in as.
DEFAULT_EDITOR = "editor"
SIGN_IN_PATH = "/sign-in"
REALM = "timeline editors"
#: Writes allowed per editor (or address), for each kind of write, and sign-in attempts.
ADD, CORRECT = "add", "correct"
WRITE_LIMITS = {ADD: "10 per minute;100 per hour", CORRECT: "60 per minute;1000 per hour"}
SIGN_IN_LIMIT = "10 per minute"
#: A verified sign-in is trusted this long before its password is checked again (a
#: password hash takes tens of milliseconds to check, by design).
TRUSTED_SECONDS = 300.0
MAX_TRUSTED = 256
#: Longest editor name and password read from the file or a request.
MAX_NAME_CHARS = 100

READ_ONLY_NOTE = (
    "This timeline is read-only: articles cannot be added and events cannot be corrected here."
)
SIGN_IN_NOTE = "Editors sign in to add articles or correct events."


@dataclass(frozen=True)
class Editing:
    """What the page says about changing the timeline, for one visitor."""

    #: Whether this visitor may add articles and correct events.
    allowed: bool
    #: One line on why not, or who is signed in ("" in open mode).
    note: str = ""
    #: Whether to offer the sign-in link.
    sign_in: bool = False


def read_editors(path: str | Path) -> dict[str, str]:
    """Editor names and password hashes from a file of ``name:hash`` lines (blank lines and
    lines starting with # are skipped); DocumentError naming the line when one is wrong."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DocumentError(f"{path}: cannot read the editors file ({error.strerror})") from None
    except UnicodeDecodeError:
        raise DocumentError(f"{path}: the editors file is not UTF-8 text") from None
    editors: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, hashed = line.partition(":")
        name = name.strip()
        if not name or len(name) > MAX_NAME_CHARS or not hashed.startswith(("scrypt:", "pbkdf2:")):
            raise DocumentError(
                f"{path} line {number}: not a 'name:password-hash' line "
                "(make one with `timeline editor NAME`)"
            )
        editors[name] = hashed
    if not editors:
        raise DocumentError(f"{path}: the editors file names no editor")
    return editors


def editors_from_environment(environ: dict[str, str] | None = None) -> dict[str, str] | None:
    """The editors that ``TIMELINE_EDITORS`` (a file) or ``TIMELINE_EDITOR_PASSWORD`` (one
    editor named "editor") name; None when neither is set."""
    environ = os.environ if environ is None else environ
    if environ.get(EDITORS_VARIABLE):
        return read_editors(environ[EDITORS_VARIABLE])
    if environ.get(PASSWORD_VARIABLE):
        return {DEFAULT_EDITOR: generate_password_hash(environ[PASSWORD_VARIABLE])}
    return None


def configured_access(
    mode: str | None = None,
    editors_file: str | None = None,
    host: str = "127.0.0.1",
    environ: dict[str, str] | None = None,
) -> tuple[Access, str]:
    """The access an app is served with, and a warning for the log ("" when none).

    ``mode`` (or ``TIMELINE_MODE``) says it outright. Otherwise editors named by
    ``editors_file``, ``TIMELINE_EDITORS`` or ``TIMELINE_EDITOR_PASSWORD`` sign in; with
    none named, an app on a loopback address (``host``) is open to whoever runs it, and
    one served to others is read-only: it never lets anyone who reaches it change it by
    default. ``TIMELINE_ADD_LIMIT`` and ``TIMELINE_CORRECT_LIMIT`` replace the rate limits
    (flask-limiter's words, e.g. "10 per minute;100 per hour").
    """
    environ = os.environ if environ is None else environ
    limits = dict(WRITE_LIMITS)
    for kind, variable in ((ADD, ADD_LIMIT_VARIABLE), (CORRECT, CORRECT_LIMIT_VARIABLE)):
        if environ.get(variable):
            limits[kind] = environ[variable]
    mode = mode or environ.get(MODE_VARIABLE) or None
    if mode is not None and mode not in MODES:
        raise DocumentError(f"unknown mode {mode!r}: one of {', '.join(MODES)}")
    editors = read_editors(editors_file) if editors_file else editors_from_environment(environ)
    if mode == READ_ONLY:
        return Access(READ_ONLY, limits=limits), ""
    if editors and mode in (None, EDITORS):
        return Access(EDITORS, editors, limits=limits), ""
    if mode == EDITORS:
        return Access(EDITORS, {}, limits=limits), ""  # refuses to start, saying why
    if mode == OPEN or host in LOOPBACK:
        return Access(OPEN, limits=limits), ""
    warning = (
        f"serving to others ({host}) with no editors named: read-only (name editors with "
        f"--editors FILE or {EDITORS_VARIABLE}; --mode open lets anyone change it)"
    )
    return Access(READ_ONLY, limits=limits), warning


def password_line(name: str, password: str) -> str:
    """A line of the editors file: the name and a salted hash of the password.

    >>> password_line("alice", "correct horse").startswith("alice:scrypt:")
    True
    """
    name = name.strip()
    if not name or ":" in name or len(name) > MAX_NAME_CHARS:
        raise DocumentError(f"an editor's name is 1 to {MAX_NAME_CHARS} characters, without ':'")
    if len(password) < 8:
        raise DocumentError("an editor's password is at least 8 characters long")
    return f"{name}:{generate_password_hash(password)}"


@dataclass
class Access:
    """The app's mode, its editors, and the rate limits on writes (see the module)."""

    mode: str = OPEN
    editors: dict[str, str] = field(default_factory=dict)
    limits: dict[str, str] = field(default_factory=lambda: dict(WRITE_LIMITS))
    limiter: Limiter | None = field(default=None, repr=False)
    _auth: HTTPBasicAuth = field(default_factory=lambda: HTTPBasicAuth(realm=REALM), repr=False)
    _trusted: dict[str, tuple[str, float]] = field(default_factory=dict, repr=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise DocumentError(f"unknown mode {self.mode!r}: one of {', '.join(MODES)}")
        if self.mode == EDITORS and not self.editors:
            raise DocumentError(
                f"editors sign in, but none are named: set {EDITORS_VARIABLE} to a file of "
                f"editors (`timeline editor NAME` makes a line) or {PASSWORD_VARIABLE}"
            )
        self._auth.verify_password(self._verify)

    # ------------------------------------------------------------------ wiring

    def install(self, server: Flask) -> None:
        """Add the sign-in page and the rate limiter to the app's server."""
        self.limiter = Limiter(
            key_func=self.client, app=server, storage_uri="memory://", headers_enabled=False
        )
        if self.mode != EDITORS:
            return
        sign_in = self._auth.login_required(lambda: redirect("/"))
        sign_in = self.limiter.limit(SIGN_IN_LIMIT)(sign_in)
        server.add_url_rule(SIGN_IN_PATH, "timeline_sign_in", sign_in)

    # ------------------------------------------------------------------ who is asking

    def editor(self) -> str | None:
        """The name of the editor signed in on this request (None when no one is, or
        outside a request)."""
        if self.mode != EDITORS or not has_request_context():
            return None
        return self._auth.authenticate(self._auth.get_auth(), None) or None

    def editing(self) -> Editing:
        """Whether the visitor of this request may change the timeline, and what the page
        says about it."""
        if self.mode == READ_ONLY:
            return Editing(False, READ_ONLY_NOTE)
        if self.mode == OPEN:
            return Editing(True)
        name = self.editor()
        if name is None:
            return Editing(False, SIGN_IN_NOTE, sign_in=True)
        return Editing(True, f"Signed in as {name}.")

    def client(self) -> str:
        """Who a write or sign-in attempt is counted against: the editor, else the address."""
        name = self.editor() if self.mode == EDITORS else None
        return f"editor:{name}" if name else f"address:{request.remote_addr or 'unknown'}"

    def writer(self, kind: str) -> tuple[str | None, str]:
        """``(name for the audit trail, "")`` when this request may write now (``kind``:
        ``ADD`` or ``CORRECT``), else ``(None, why not)`` in one line."""
        if self.mode == READ_ONLY:
            return None, READ_ONLY_NOTE
        refusal = self._over_limit(kind)
        if refusal:
            return None, refusal
        if self.mode == OPEN:
            return f"anonymous ({request.remote_addr or 'unknown address'})", ""
        name = self.editor()
        if name is None:
            return None, "Sign in as an editor first (the link at the top of the page)."
        return name, ""

    def _over_limit(self, kind: str) -> str:
        if self.limiter is None:
            return ""
        try:
            # One ``with`` per kind: flask-limiter tells limits apart by where they are used.
            if kind == ADD:
                with self.limiter.limit(self.limits[ADD], key_func=self.client, scope=ADD):
                    pass
            else:
                with self.limiter.limit(self.limits[CORRECT], key_func=self.client, scope=kind):
                    pass
        except RateLimitExceeded as exceeded:
            return (
                f"Too many changes in a short time (the limit is {exceeded.description}); "
                "wait a little, then try again."
            )
        return ""

    # ------------------------------------------------------------------ passwords

    def _verify(self, name: str, password: str) -> str | None:
        if not name or len(name) > MAX_NAME_CHARS or len(password) > 1024:
            return None
        key = hashlib.sha256(f"{name}\x00{password}".encode()).hexdigest()
        now = time.monotonic()
        with self._guard:
            trusted = self._trusted.get(key)
            if trusted and trusted[1] > now:
                return trusted[0]
        hashed = self.editors.get(name)
        if hashed is None:
            check_password_hash(_dummy_hash(), password)  # as slow as for a real name
            return None
        if not check_password_hash(hashed, password):
            return None
        with self._guard:
            if len(self._trusted) >= MAX_TRUSTED:
                self._trusted.clear()
            self._trusted[key] = (name, now + TRUSTED_SECONDS)
        return name


@functools.cache
def _dummy_hash() -> str:
    """A hash to check a password against when the name is unknown, so that an unknown
    name takes as long as a known one."""
    return generate_password_hash("not a password of anyone's")
