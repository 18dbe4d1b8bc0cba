#!/usr/bin/env python3
"""Doxygen INPUT_FILTER: lets Doxygen read the project's comments as they are
written (abseil style, `//` above what they describe), without changing the
headers. Line numbers are kept, so warnings point at the real lines.

- A block of `//` lines directly above a declaration becomes `///` (its
  documentation); the file's opening block becomes the file's documentation.
- A trailing `// ...` after a member or enumerator becomes `///< ...`.
- Indented lines inside a block (`//   code`) are examples: they become an
  @code ... @endcode block.
- In the prose, characters Doxygen would take for markup (< > & \\ @ #) are
  escaped, except inside `backticks`.
Comments that describe nothing (before a blank line, `}` or a preprocessor
line) stay plain comments.
"""
import re
import sys

COMMENT = re.compile(r"^(\s*)//(?!/)(.*)$")
TRAILING = re.compile(r"^(\s*[^/\s].*?[;,{])(\s+)//(?!/)\s?(.*)$")
SKIP_AFTER = re.compile(r"^\s*($|#|}|namespace\b|(public|private|protected):|//)")
PLAIN = ("NOLINT", "namespace ")


def escape(text):
    """Escapes markup characters outside `code spans`."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):  # even parts are outside backticks
        parts[i] = re.sub(r"([<>&\\@#%])", r"\\\1", parts[i])
    return "`".join(parts)


def convert_block(lines, start, end, is_file):
    """Rewrites lines[start:end], a block of `//` comments, as documentation."""
    bodies = [COMMENT.match(lines[i]) for i in range(start, end)]
    # `// clang-format off/on` lines keep the formatter away from examples;
    # they are not documentation.
    texts = ["" if "clang-format" in m.group(2) else m.group(2) for m in bodies]
    # Example code: lines indented by 2+ spaces more than the prose (`//   x`).
    prose_indent = min((len(t) - len(t.lstrip()) for t in texts if t.strip()),
                       default=1)
    out = []
    in_code = False
    for i, m in enumerate(bodies):
        indent, text = m.group(1), texts[i]
        is_code = text.strip() and (len(text) - len(text.lstrip())) >= prose_indent + 2
        if is_code and not in_code:
            if out:
                out[-1] += " @code"
            else:
                text = " @code" + text
            in_code = True
        elif not is_code and in_code and text.strip():
            out[-1] += " @endcode"
            in_code = False
        out.append(indent + "///" + (text if in_code else escape(text)))
    if in_code:
        out[-1] += " @endcode"
    if is_file:
        out[-1] += " @file"
    lines[start:end] = out


def declaration_end(lines, k):
    """The last line of the declaration starting at line k."""
    depth = 0
    while k < len(lines):
        code = lines[k].split("//")[0]
        depth += code.count("(") + code.count("{") - code.count(")") - code.count("}")
        stripped = code.rstrip()
        if depth <= 0 and (stripped.endswith(";") or stripped.endswith("}")):
            return k
        k += 1
    return len(lines) - 1


def group_following(lines, start, first):
    """One comment above several declarations with no blank line between
    (`GetAsync` and `Get`, a run of fields) describes each of them: the
    ones after the first get the comment's first sentence."""
    text = " ".join(l.strip()[3:].strip() for l in lines[start:first])
    text = re.sub(r"@code.*?(@endcode|$)", "", text).replace("@file", "")
    brief = re.split(r"(?<=[.:])\s", text.strip(), maxsplit=1)[0]
    if not brief:
        return
    end = declaration_end(lines, first)
    while end + 1 < len(lines) and not SKIP_AFTER.match(lines[end + 1]) \
            and not re.match(r"^\s*(};?|(public|private|protected):)", lines[end + 1]):
        k = end + 1
        end = declaration_end(lines, k)
        lines[k] = re.sub(r"^(\s*)", lambda m: m.group(1) + "/** " + brief + " */ ",
                          lines[k], count=1)


def filter_text(text):
    lines = text.split("\n")
    i = 0
    first_block = True
    while i < len(lines):
        m = COMMENT.match(lines[i])
        if not m or any(p in m.group(2) for p in PLAIN):
            t = TRAILING.match(lines[i])
            if t and not any(p in t.group(3) for p in PLAIN):
                lines[i] = f"{t.group(1)}{t.group(2)}///< {escape(t.group(3))}"
            if lines[i].strip():
                first_block = False
            i += 1
            continue
        j = i
        while j < len(lines) and COMMENT.match(lines[j]):
            j += 1
        nxt = lines[j] if j < len(lines) else ""
        if first_block and i == 0:
            convert_block(lines, i, j, is_file=True)
        elif not SKIP_AFTER.match(nxt):
            convert_block(lines, i, j, is_file=False)
            group_following(lines, i, j)
        first_block = False
        i = j
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(filter_text(f.read()))
