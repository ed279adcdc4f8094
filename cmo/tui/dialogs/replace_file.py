"""Ask for the corrected version of a transcript; a path that is not a file keeps the
dialog open with a message, so the researcher can correct the typo."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from .prompt import PromptDialog


class ReplaceFileDialog(PromptDialog):
    def __init__(self) -> None:
        super().__init__(
            "Corrected version of this transcript",
            hint="A .txt, .docx, .odt, .vtt or .srt file; codings move with their text.",
            placeholder="path/to/corrected.docx",
        )

    def on_mount(self) -> None:
        self.query_one(".dialog").mount(Static("", id="replace-problem", classes="hint"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.prevent_default()  # not PromptDialog's: that one closes on any text
        value = event.value.strip()
        if not value:
            return
        path = Path(value).expanduser()
        problem = (
            "no such file"
            if not path.exists()
            else "is a folder; name a file in it"
            if path.is_dir()
            else ""
        )
        if problem:
            self.query_one("#replace-problem", Static).update(f"{path}: {problem}")
            return
        self.dismiss(str(path))
