"""The workbench's headless core: what a transcript screen shows and does, without Textual.

- :mod:`.document` the transcript, its turns, codings and text units,
- :mod:`.selection` moving and growing a selection by word, sentence and turn,
- :mod:`.layout` wrapping the text into screen lines,
- :mod:`.margin` what the margin says about a line's codings,
- :mod:`.code_search` ranking codes for the picker,
- :mod:`.digit_keys` what the number keys apply,
- :mod:`.navigation` finding the next coding, uncoded turn or search hit,
- :mod:`.session` :class:`~.session.TranscriptSession`, one per open transcript: the only
  way the transcript screen reads or changes the project.

The tests and the benchmark drive these directly; the screens only draw them.
"""
