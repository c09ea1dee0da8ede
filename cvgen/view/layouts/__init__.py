"""Layouts: which sections a document has. ``cv`` (the profile's sections) and ``biosketch`` (NSF's)."""
