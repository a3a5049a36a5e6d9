#!/bin/sh
# Regenerates fixtures/converted/: the rendered fixtures (fixtures/rendered) turned back into text by
# real converters, as researchers' archives hold them. Needs Debian's pandoc (2.17). Each variant is
# chosen for a distinct table structure; test/converted-variants.test.ts compares each with its
# text source. Run from the repository root: sh scripts/convert-fixtures.sh
set -eu
out=fixtures/converted
r=fixtures/rendered
mkdir -p "$out/pandoc-commonmark" "$out/pandoc-markdown_strict" "$out/pandoc-gfm" "$out/pandoc-markdown" "$out/pandoc-plain" "$out/pandoc-rst"
# raw HTML <table>s (rowspan criteria, spanning theme rows)
pandoc -f html -t commonmark "$r/html/ruled/004_e10162d225c65291.html" -o "$out/pandoc-commonmark/004_e10162d225c65291.md"
pandoc -f docx -t markdown_strict "$r/docx/ruled/002_1b897dc814a8f4e7.docx" -o "$out/pandoc-markdown_strict/002_1b897dc814a8f4e7.md"
# pipe tables for simple tables, raw HTML where cells hold several paragraphs
pandoc -f docx -t gfm "$r/docx/word/003_0ef4a6012a6cd2d4.docx" -o "$out/pandoc-gfm/003_0ef4a6012a6cd2d4.md"
# simple tables (space-aligned, dash groups), grid tables with "\" hard breaks and cut words, smart punctuation
pandoc -f html -t markdown "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-markdown/000_318a4c095323d6df.md"
# multiline tables (rows separated by blank lines, multi-line header)
pandoc -f docx -t plain "$r/docx/word/003_0ef4a6012a6cd2d4.docx" -o "$out/pandoc-plain/003_0ef4a6012a6cd2d4.txt"
# rst grid tables with "| " line blocks; narrow columns cut words
pandoc -f docx -t rst "$r/docx/word/000_318a4c095323d6df.docx" -o "$out/pandoc-rst/000_318a4c095323d6df.rst"
pandoc -f html -t rst "$r/html/ruled/004_e10162d225c65291.html" -o "$out/pandoc-rst/004_e10162d225c65291.rst"
