"""Layouts: which sections a document has. ``cv`` (the profile's sections) and the funders' documents:
``biosketch`` and ``synergistic`` (NSF), ``current-pending`` (the Common Form) and ``nih-biosketch``."""
