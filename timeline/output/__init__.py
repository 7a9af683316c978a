"""The event row type and the writers (CSV, JSON, TimelineJS, iCalendar)."""
