"""What the project's HTML pages share: the head of the document, a script's hash for the
Content-Security-Policy, and the filling of a template's ``@@NAME@@`` placeholders.

The visualizer (``kg.viz``), the dossiers (``kg.profile``) and the query page of ``kg serve`` each open with
``HEAD`` (its ``@@CSP@@`` and ``@@TITLE@@`` filled like the rest), then their own style and body.

>>> page = fill(HEAD + "<p>@@TEXT@@</p>", {"CSP": "default-src 'none'", "TITLE": "A &amp; B", "TEXT": "@@CSP@@"})
>>> print(page)  # doctest: +ELLIPSIS
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
...
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
...
<title>A &amp; B</title>
<p>@@CSP@@</p>
>>> script_hash("alert(1)")
"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping

#: The document's opening up to its title: the policy (``@@CSP@@``) and the title (``@@TITLE@@``, escaped
#: by the caller) are placeholders.
HEAD = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="diplomatic-kg">
<title>@@TITLE@@</title>
"""

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``@@NAME@@`` replaced by ``values[NAME]``, in one pass: text inserted for one
    placeholder is never searched for another (a value may hold ``@@X@@`` as data)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def script_hash(code: str) -> str:
    """A script's source in a Content-Security-Policy: ``'sha256-...'`` of its UTF-8 bytes."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


__all__ = ["HEAD", "fill", "script_hash"]
