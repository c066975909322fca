"""Query results as Python values and as text: table, CSV, TSV, SPARQL JSON, SPARQL XML, Turtle, N-Triples.

The writers take results in a neutral form, so that a remote endpoint's answers print the same way:
``variables`` (names) and ``rows`` where each row is a ``QuerySolution``, a dict (of pyoxigraph terms
or of SPARQL 1.1 JSON terms such as ``{"type": "uri", "value": ...}``) or a sequence aligned with the
variables. Graph results (CONSTRUCT, DESCRIBE) go through ``kg.formats.rdf``'s deterministic writers.

>>> from pyoxigraph import Literal, NamedNode
>>> from kg.vocab import ID_NS
>>> rows = [{"who": NamedNode(ID_NS + "baghdad"), "n": Literal(2)}, {"who": {"type": "literal", "value": "x"}}]
>>> print(write(["who", "n"], rows, "table"))
who         n
----------  -
id:baghdad  2
x
>>> print(write(["who", "n"], rows, "csv"), end="")
who,n\r
https://w3id.org/diplomatic-kg/id/baghdad,2\r
x,\r
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from pyoxigraph import BlankNode, NamedNode, Triple

from kg import formats as registry
from kg.errors import QueryError
from kg.values import PartialDate, python_value, term_from_json, to_term  # noqa: F401  (re-exported)
from kg.vocab import XSD, compact

#: Output formats (names of the ``kg.formats`` registry): SELECT and ASK results, and graph results.
ROW_FORMATS = tuple(registry.names([registry.RESULTS]))
GRAPH_FORMATS = tuple(registry.names([registry.GRAPH]))
FORMATS = ROW_FORMATS + GRAPH_FORMATS
def cell(row: Any, index: int, name: str) -> Any:
    """The value of one variable in a row of any neutral form: a ``QuerySolution``, a dict of SPARQL-JSON
    bindings or of terms, or a sequence aligned with the variables; ``None`` when unbound."""
    if isinstance(row, Mapping):
        return row.get(name)
    if isinstance(row, (tuple, list)):
        return row[index] if index < len(row) else None
    return row[name]


# -- writers --------------------------------------------------------------------------------------------


def _term(value: Any) -> Any:
    return term_from_json(value) if isinstance(value, Mapping) else value


def _cells(variables: list[str], rows: Iterable[Any]) -> Iterable[list[Any]]:
    for row in rows:
        yield [_term(cell(row, i, name)) for i, name in enumerate(variables)]


def display(term: Any) -> str:
    """A term as a table shows it: IRIs compacted, literals as their text, nothing for unbound.

    >>> from pyoxigraph import Literal
    >>> from kg.vocab import ID_NS
    >>> display(NamedNode(ID_NS + "iraq")), display(Literal("2025-01", datatype=NamedNode(XSD.gYearMonth)))
    ('id:iraq', '2025-01')
    """
    term = _term(term)
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        short = compact(term.value)
        return short if short != term.value else f"<{term.value}>"
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return "<< " + " ".join(display(t) for t in (term.subject, term.predicate, term.object)) + " >>"
    return term.value


def term_json(term: Any) -> dict[str, Any]:
    """A term in the SPARQL 1.1 JSON results format (the inverse of ``term_from_json``)."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate), "object": term_json(term.object)}}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD.string:
        out["datatype"] = term.datatype.value
    return out


def _csv_text(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return _tsv_text(term)
    return term.value


def _tsv_text(term: Any) -> str:
    from kg.formats.rdf import term_nt

    if term is None:
        return ""
    if isinstance(term, Triple):
        return "<< " + " ".join(_tsv_text(t) for t in (term.subject, term.predicate, term.object)) + " >>"
    return term_nt(term)


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``, written here: importing that module pulls in urllib and http (a twentieth of
    a second at every ``kg query`` start).

    >>> print(escape("a<b & c>d"), quoteattr('say "hi"'), quoteattr("it's"))
    a&lt;b &amp; c&gt;d 'say "hi"' "it's"
    """
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """``xml.sax.saxutils.quoteattr``: an attribute value, escaped and quoted."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def _xml_term(term: Any) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Triple):
        parts = (f"<{k}>{_xml_term(t)}</{k}>" for k, t in
                 (("subject", term.subject), ("predicate", term.predicate), ("object", term.object)))
        return "<triple>" + "".join(parts) + "</triple>"
    attr = (f" xml:lang={quoteattr(term.language)}" if term.language else
            "" if term.datatype.value == XSD.string else f" datatype={quoteattr(term.datatype.value)}")
    return f"<literal{attr}>{escape(term.value)}</literal>"


def write_rows(variables: list[str], rows: Iterable[Any], fmt: str, out: TextIO) -> int:
    """Write SELECT results in one of ``ROW_FORMATS``; return the number of rows written."""
    import csv

    n = 0
    if fmt == "table":
        from kg.table import format_table

        body: list[list[object]] = [[display(c) for c in r] for r in _cells(variables, rows)]
        out.write(format_table(variables, body) + "\n")
        return len(body)
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(variables)
        for r in _cells(variables, rows):
            w.writerow([_csv_text(c) for c in r])
            n += 1
    elif fmt == "tsv":
        out.write("\t".join(f"?{v}" for v in variables) + "\n")
        for r in _cells(variables, rows):
            out.write("\t".join(_tsv_text(c) for c in r) + "\n")
            n += 1
    elif fmt == "json":
        out.write('{"head": {"vars": ' + json.dumps(variables) + '},\n "results": {"bindings": [')
        for r in _cells(variables, rows):
            binding = {v: term_json(c) for v, c in zip(variables, r, strict=True) if c is not None}
            out.write((",\n  " if n else "\n  ") + json.dumps(binding, ensure_ascii=False))
            n += 1
        out.write("\n]}}\n")
    elif fmt == "xml":
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                  "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head>\n<results>\n")
        for r in _cells(variables, rows):
            out.write("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(c)}</binding>"
                                           for v, c in zip(variables, r, strict=True) if c is not None) + "</result>\n")
            n += 1
        out.write("</results>\n</sparql>\n")
    else:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE results; "
                         f"use one of {', '.join(ROW_FORMATS)} for SELECT")
    return n


def write_boolean(value: bool, fmt: str, out: TextIO) -> None:
    """Write an ASK result: SPARQL JSON or XML, else ``true`` or ``false``."""
    if fmt == "json":
        out.write(json.dumps({"head": {}, "boolean": bool(value)}) + "\n")
    elif fmt == "xml":
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                  f"<head/>\n<boolean>{str(bool(value)).lower()}</boolean>\n</sparql>\n")
    elif fmt in ROW_FORMATS:
        out.write(str(bool(value)).lower() + "\n")
    else:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE results; an ASK query answers true or false")


def write_triples(triples: Iterable[Triple], fmt: str, out: TextIO) -> int:
    """Write graph results in a graph format of the registry (``table`` means Turtle), sorted and deterministic."""
    try:
        f = registry.get("turtle" if fmt == "table" else fmt, [registry.GRAPH])
    except Exception:
        raise QueryError(f"--format {fmt} is for SELECT and ASK results; "
                         f"use one of {', '.join(GRAPH_FORMATS)} for CONSTRUCT and DESCRIBE") from None
    data = list(triples)
    out.write(f.load_writer()(data))
    return len(data)


def write_result(result: Any, fmt: str, out: TextIO) -> int:
    """Write any ``Result`` (or an object with ``form``, ``variables``, ``rows``, ``boolean``, ``triples``)."""
    try:
        fmt = registry.get(fmt, [registry.RESULTS, registry.GRAPH]).name
    except Exception:
        raise QueryError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}") from None
    if result.form == "ASK":
        write_boolean(result.boolean, fmt, out)
        return 1
    if result.form == "SELECT":
        return write_rows(result.variables, result.rows, fmt, out)
    return write_triples(result.triples, fmt, out)


def write(variables: list[str], rows: Iterable[Any], fmt: str = "table") -> str:
    """``write_rows`` into a string (no trailing newline for the table)."""
    buf = io.StringIO()
    write_rows(variables, rows, fmt, buf)
    text = buf.getvalue()
    return text[:-1] if fmt == "table" else text


def format_result(result: Any, fmt: str = "table") -> str:
    """``write_result`` into a string."""
    buf = io.StringIO()
    write_result(result, fmt, buf)
    return buf.getvalue()


__all__ = ["FORMATS", "GRAPH_FORMATS", "ROW_FORMATS", "PartialDate", "cell", "display", "format_result",
           "python_value", "term_from_json", "term_json", "to_term", "write", "write_boolean", "write_result",
           "write_rows", "write_triples"]
