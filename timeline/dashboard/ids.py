"""Component ids, in one place so layout, callbacks and browser tests agree.

The ids marked *contract* are used by automated checks and must stay stable.
"""

from __future__ import annotations

# Contract ids.
TIMELINE = "timeline"
#: The map of the events in view, beside the timeline.
MAP = "map"
PERSON_FILTER = "person-filter"
TYPE_FILTER = "type-filter"
ARTICLE_TEXT = "article-text"
ARTICLE_PUBLISHED = "article-published"
ADD_ARTICLE = "add-article"
EVENT_DETAIL = "event-detail"
EVENT_COUNT = "event-count"
#: Every year of the events in view, whatever window the page was opened or zoomed to.
SHOW_ALL_YEARS = "show-all-years"
#: Every filter back to its widest, and every year in view.
CLEAR_FILTERS = "clear-filters"
#: The date range: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked as typed.
DATE_FROM = "date-from"
DATE_TO = "date-to"

# Filters and navigation.
URL = "url"
DATE_ERROR = "date-error"
TEXT_FILTER = "text-filter"
LANE_ORDER = "lane-order"
#: The chart's window (see ``window.py``): None, "all", or the first and last day.
VIEW_WINDOW = "view-window"
EMPTY_MESSAGE = "empty-message"
LANE_PREVIOUS = "lane-previous"
LANE_NEXT = "lane-next"
LANE_PAGE = "lane-page"
LANE_PAGER = "lane-pager"
LANE_PAGER_LABEL = "lane-pager-label"

# Detail panel.
DETAIL_BODY = "event-detail-body"
ONLY_PERSON = "only-this-person"
SELECTED_EVENT = "selected-event"
EDITED_MARK = "edited-mark"
#: Who changed the open event and when (the audit trail).
AUDIT_TRAIL = "audit-trail"
CONFLICT_NOTE = "conflict-note"
DETAIL_DOSSIER = "detail-dossier"
DOSSIER_HTML = "dossier-html"
DOSSIER_MARKDOWN = "dossier-markdown"

# Corrections (in the detail panel).
CORRECTION_FORM = "correction-form"
CORRECT_PERSON = "correct-person"
CORRECT_TYPE = "correct-type"
CORRECT_DATE = "correct-date"
CORRECT_SAVE = "correct-save"
CORRECT_HIDE = "correct-hide"
CORRECT_UNDO = "correct-undo"
CORRECTION_STATUS = "correction-status"
#: Where the correction form is put when an event is first opened, and what it shows.
CORRECTION_SLOT = "correction-slot"
FORM_VALUES = "correction-form-values"
#: Bumped whenever this session changed the store, so the views redraw.
DATA_VERSION = "data-version"

# Adding articles.
ARTICLE_FORM = "article-form"
ARTICLE_TITLE = "article-title"
ARTICLE_URL = "article-url"
ARTICLE_UPLOAD = "article-upload"
ARTICLE_STATUS = "article-status"
ADDED_EVENTS = "added-events"
ADDED_TEXTS = "added-texts"
#: The Add clicks and uploads that passed the browser's size check (the server's inputs).
ADD_REQUEST = "add-request"
UPLOAD_REQUEST = "upload-request"
#: The largest article accepted, in bytes, for the browser's size check.
ARTICLE_LIMIT = "article-limit"
#: The job reading the article just added (jobs.py), and the timer that asks how it goes.
ADD_JOB = "add-job"
ADD_POLL = "add-poll"

# Who may change the timeline (access.py).
EDITING_NOTE = "editing-note"
SIGN_IN_LINK = "sign-in-link"

# Table and export.
EVENT_TABLE = "event-table"
TABLE_NOTE = "event-table-note"
#: Where the grid is put once wanted; the button that asks for it; whether it is wanted.
TABLE_SLOT = "event-table-slot"
TABLE_SHOW = "event-table-show"
TABLE_WANTED = "event-table-wanted"
#: Set once the first figure is drawn: what the first view left out comes then (lazy.py).
FIRST_DRAWN = "first-drawn"
EXPORT_CSV = "export-csv"
EXPORT_JSON = "export-json"
EXPORT_TIMELINEJS = "export-timelinejs"
EXPORT_ACLED = "export-acled"
EXPORT_GEOJSON = "export-geojson"
DOWNLOAD = "download"
#: The person filter's dossier buttons (shown when one person is chosen).
PERSON_DOSSIER = "person-dossier"
PERSON_DOSSIER_HTML = "person-dossier-html"
PERSON_DOSSIER_MARKDOWN = "person-dossier-markdown"
DOSSIER_DOWNLOAD = "dossier-download"
SOURCE_LINK = "source-link"
EMPTY_BOX = "empty-box"
RESET_EMPTY = "reset-empty"
FIGURE_NOTE = "figure-note"
TYPE_SWATCHES = "type-swatches"
