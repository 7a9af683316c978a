"""The callbacks that change the timeline: adding an article (read off the request, see
``jobs.py``) and correcting, hiding or undoing an event. Each asks ``access`` first whether
this visitor may write now, and names them in the audit trail."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from timeline.dashboard import edits, handlers
from timeline.dashboard import ids as i
from timeline.dashboard.access import ADD, CORRECT, Access
from timeline.dashboard.data import DashboardData
from timeline.dashboard.jobs import Jobs


def register_write_callbacks(app: Dash, data: DashboardData, access: Access, jobs: Jobs) -> None:
    """Wire the add form and the correction buttons, for one app."""
    _register_articles(app, data, access, jobs)
    _register_corrections(app, data, access)


def _register_articles(app: Dash, data: DashboardData, access: Access, jobs: Jobs) -> None:
    # Size checks in the browser (assets/article_guard.js): text over the limit never
    # leaves the page, and the form says why.
    app.clientside_callback(
        ClientsideFunction("articleGuard", "checkPaste"),
        Output(i.ADD_REQUEST, "data"),
        Output(i.ARTICLE_STATUS, "children", allow_duplicate=True),
        Output(i.ARTICLE_STATUS, "className", allow_duplicate=True),
        Input(i.ADD_ARTICLE, "n_clicks"),
        State(i.ARTICLE_TEXT, "value"),
        State(i.ARTICLE_LIMIT, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("articleGuard", "checkUpload"),
        Output(i.UPLOAD_REQUEST, "data"),
        Output(i.ARTICLE_STATUS, "children", allow_duplicate=True),
        Output(i.ARTICLE_STATUS, "className", allow_duplicate=True),
        Input(i.ARTICLE_UPLOAD, "contents"),
        State(i.ARTICLE_UPLOAD, "filename"),
        State(i.ARTICLE_LIMIT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(i.ARTICLE_STATUS, "children"),
        Output(i.ARTICLE_STATUS, "className"),
        Output(i.ADD_JOB, "data"),
        Output(i.ADD_POLL, "disabled"),
        Output(i.ADD_ARTICLE, "disabled"),
        Input(i.ADD_REQUEST, "data"),
        State(i.ARTICLE_TEXT, "value"),
        State(i.ARTICLE_PUBLISHED, "value"),
        State(i.ARTICLE_TITLE, "value"),
        State(i.ARTICLE_URL, "value"),
        prevent_initial_call=True,
    )
    def add_article(_clicks, text, published, title, url):
        # The article is read off this request (jobs.py): the answer comes at once, and the
        # timer asks how it goes until it is done.
        editor, refusal = access.writer(ADD)
        if editor is None:
            return refusal, "article-status error", no_update, True, False
        result = edits.start_article(data, jobs, text, published, title, url, editor)
        if not result.ok:
            return result.message, "article-status error", no_update, True, False
        return result.message, "article-status", result.job, False, True

    @app.callback(
        Output(i.ADDED_EVENTS, "data"),
        Output(i.ADDED_TEXTS, "data"),
        Output(i.ARTICLE_STATUS, "children", allow_duplicate=True),
        Output(i.ARTICLE_STATUS, "className", allow_duplicate=True),
        Output(i.DATA_VERSION, "data", allow_duplicate=True),
        Output(i.ARTICLE_TEXT, "value", allow_duplicate=True),
        Output(i.ARTICLE_TITLE, "value"),
        Output(i.ARTICLE_URL, "value"),
        Output(i.ADD_JOB, "data", allow_duplicate=True),
        Output(i.ADD_POLL, "disabled", allow_duplicate=True),
        Output(i.ADD_ARTICLE, "disabled", allow_duplicate=True),
        Input(i.ADD_POLL, "n_intervals"),
        State(i.ADD_JOB, "data"),
        State(i.ADDED_EVENTS, "data"),
        State(i.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def follow_article(_ticks, job, added, version):
        if not job:
            return (*([no_update] * 8), None, True, False)
        result = edits.article_progress(data, jobs, job, added)
        if result.job:  # still being read
            return (*([no_update] * 2), result.message, "article-status", *([no_update] * 7))
        done = (None, True, False)  # no job, the timer off, Add again
        if not result.ok:
            return (no_update, no_update, result.message, "article-status error",
                    *([no_update] * 4), *done)  # fmt: skip
        # The form empties (the publication date stays, for the next article of the day),
        # so a second click adds nothing twice and the next article gets no stale title.
        cleared = ("", "", "")
        if result.stored:
            bump = handlers.next_version(version)
            return (no_update, no_update, result.message, "article-status ok", bump,
                    *cleared, *done)  # fmt: skip
        return (result.added, result.texts, result.message, "article-status ok", no_update,
                *cleared, *done)  # fmt: skip

    @app.callback(
        Output(i.ARTICLE_TEXT, "value"),
        Output(i.ARTICLE_STATUS, "children", allow_duplicate=True),
        Output(i.ARTICLE_STATUS, "className", allow_duplicate=True),
        Input(i.UPLOAD_REQUEST, "data"),
        prevent_initial_call=True,
    )
    def load_upload(upload):
        upload = upload if isinstance(upload, dict) else {}
        text, message, ok = edits.read_upload(upload.get("contents"), upload.get("filename"))
        status = "article-status ok" if ok else "article-status error"
        return (text if ok else no_update), message, status


def _register_corrections(app: Dash, data: DashboardData, access: Access) -> None:
    actions = {
        i.CORRECT_SAVE: edits.SAVE,
        i.CORRECT_HIDE: edits.HIDE,
        i.CORRECT_UNDO: edits.UNDO,
    }

    @app.callback(
        Output(i.CORRECTION_STATUS, "children", allow_duplicate=True),
        Output(i.CORRECTION_STATUS, "className"),
        Output(i.DETAIL_BODY, "children", allow_duplicate=True),
        Output(i.SELECTED_EVENT, "data", allow_duplicate=True),
        Output(i.DATA_VERSION, "data", allow_duplicate=True),
        *(Input(button, "n_clicks") for button in actions),
        State(i.SELECTED_EVENT, "data"),
        State(i.CORRECT_PERSON, "value"),
        State(i.CORRECT_TYPE, "value"),
        State(i.CORRECT_DATE, "value"),
        State(i.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def correct(_save, _hide, _undo, event, person, kind, date, version):
        if not handlers.reader_acted(ctx.triggered):
            raise PreventUpdate  # the form has just come into the panel: nothing was pressed
        action = actions.get(ctx.triggered_id)
        editor, refusal = access.writer(CORRECT)
        if editor is None:
            return refusal, "article-status error", no_update, no_update, no_update
        result = edits.correct_event(data, action or "", event, person, kind, date, editor)
        status = "article-status ok" if result.ok else "article-status error"
        if not result.ok:
            return result.message, status, no_update, no_update, no_update
        children, shown = handlers.detail_of(data, result.event)
        # A hidden event stays selected, so that Undo can bring it back.
        return result.message, status, children, shown or event, handlers.next_version(version)
