"""One base class for every error wenku explains to the user.

The plugin turns a `WenkuError` into MkDocs' `PluginError` (a clean "Aborted" line
with the message); any other exception is a bug in wenku and keeps its traceback.
"""


class WenkuError(Exception):
    """A problem the user can fix; the message names the file or value and says what to do."""
