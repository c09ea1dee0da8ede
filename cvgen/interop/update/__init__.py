"""``cvgen update``: keep a CV current from its scholarly sources without touching what the user wrote.

:mod:`.roundtrip` reads and writes the YAML text with ruamel.yaml so comments, key order and
quoting survive; :mod:`.fields` decides, field by field, whether a value is still the service's
(refreshed) or the user's (kept); :mod:`.works` matches the services' works with the CV's entries
and adds, links or leaves out works; :mod:`.run` ties one file's update together. The file itself
is written by the CLI (``cvgen.output`` sits above this layer).
"""
