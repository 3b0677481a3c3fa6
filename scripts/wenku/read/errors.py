"""The error the binary readers (doc.py, pdf.py) raise for a file they cannot turn into text."""

from wenku.errors import WenkuError


class ReadError(WenkuError):
    """The message is in Chinese and says what is wrong and what to do; the pipeline turns it into a
    Problem of level ERROR naming the file (read/binary.py), so one bad file never stops the build."""
