"""Reading transcripts (.txt .docx .odt .vtt .srt) into text and speaker turns, and codebooks."""
