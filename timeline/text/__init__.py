"""Reading documents: front matter, HTML, JSON lines, guards, character spans."""
