"""Save a document as a password-protected .doc through LibreOffice's UNO API.

Run with a Python that has the `uno` module (Debian: python3-uno, /usr/bin/python3):
    python3 lo_encrypt.py SRC DST PROFILE_DIR PORT
`soffice --convert-to` ignores a password, hence the UNO detour.
"""

import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src, dst, profile, port):
    url = f"socket,host=127.0.0.1,port={port};urp;"
    proc = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}",
                             "--headless", "--invisible", f"--accept={url}"])
    try:
        ctx = uno.getComponentContext()
        resolver = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", ctx)
        remote = None
        for _ in range(150):
            try:
                remote = resolver.resolve(f"uno:{url}StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.2)
        desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                                (prop("Hidden", True),))
        document.storeToURL(uno.systemPathToFileUrl(dst),
                            (prop("FilterName", "MS Word 97"), prop("Password", "secret")))
        document.close(True)
        try:
            desktop.terminate()
        except DisposedException:
            pass  # the office may drop the bridge while shutting down
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
