#!/bin/sh
# Regenerates fixtures/converted/: the rendered fixtures (fixtures/rendered) turned back into text by
# real converters, as researchers' archives hold them. Needs Debian's pandoc (2.17), lynx, poppler-utils,
# libreoffice-writer, antiword, catdoc and docx2txt. Each variant is
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
pandoc -f html -t gfm "$r/html/word/001_c669e5a01401b566.html" -o "$out/pandoc-gfm/001_c669e5a01401b566.md"
# simple tables (space-aligned, dash groups), grid tables with "\" hard breaks and cut words, smart punctuation
pandoc -f html -t markdown "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-markdown/000_318a4c095323d6df.md"
# multiline tables (rows separated by blank lines, multi-line header)
pandoc -f docx -t plain "$r/docx/word/003_0ef4a6012a6cd2d4.docx" -o "$out/pandoc-plain/003_0ef4a6012a6cd2d4.txt"
# rst grid tables with "| " line blocks; narrow columns cut words
pandoc -f docx -t rst "$r/docx/word/000_318a4c095323d6df.docx" -o "$out/pandoc-rst/000_318a4c095323d6df.rst"
pandoc -f html -t rst "$r/html/ruled/004_e10162d225c65291.html" -o "$out/pandoc-rst/004_e10162d225c65291.rst"
# Flattened tables (the cells as running text, no table structure left): lynx -dump writes each row on a
# line of its own ("criterion indicator ✓ evidence…", wrapped); read by extractors/tables/flattened-text.ts.
# Follow-up reports (003) are left out: their flattened columns cannot be told apart (see test/flattened-text.test.ts).
mkdir -p "$out/lynx-ruled" "$out/lynx-word"
for id in 000_318a4c095323d6df 001_c669e5a01401b566 002_1b897dc814a8f4e7 004_e10162d225c65291; do
  lynx -dump -width=200 -display_charset=utf-8 "$r/html/ruled/$id.html" > "$out/lynx-ruled/$id.txt"
  lynx -dump -width=200 -display_charset=utf-8 "$r/html/word/$id.html" > "$out/lynx-word/$id.txt"
done
# pdftotext -layout (poppler 22): layout text, columns aligned with spaces, pages split by form feeds,
# rows set apart by blank lines (a browser's cell padding); read by extractors/input/layout-text.ts
mkdir -p "$out/pdftotext-layout-browser"
for f in 000_318a4c095323d6df 001_c669e5a01401b566 002_1b897dc814a8f4e7 003_0ef4a6012a6cd2d4 004_e10162d225c65291; do
  pdftotext -layout "$r/pdf/browser/$f.pdf" "$out/pdftotext-layout-browser/$f.txt"
done
# pdftotext -layout of other producers: cells one space apart, cut where the lines around them and the
# framework's wordings put the edge; Wingdings marks as ü/û (glyphs); Word's rows without space between them
mkdir -p "$out/pdftotext-layout-browser-13pt" "$out/pdftotext-layout-glyphs" "$out/pdftotext-layout-word"
for f in 000_318a4c095323d6df 001_c669e5a01401b566 002_1b897dc814a8f4e7 004_e10162d225c65291; do
  pdftotext -layout "$r/pdf/browser-13pt/$f.pdf" "$out/pdftotext-layout-browser-13pt/$f.txt"
done
for f in 000_318a4c095323d6df 002_1b897dc814a8f4e7 004_e10162d225c65291; do
  pdftotext -layout "$r/pdf/glyphs/$f.pdf" "$out/pdftotext-layout-glyphs/$f.txt"
done
for f in 000_318a4c095323d6df 001_c669e5a01401b566 004_e10162d225c65291; do
  pdftotext -layout "$r/pdf/word/$f.pdf" "$out/pdftotext-layout-word/$f.txt"
done
# headings over the next table set right under a table's last row; cells moved six characters left
mkdir -p "$out/pdftotext-layout-cairo" "$out/pdftotext-layout-word-letter-serif"
for f in 002_1b897dc814a8f4e7 004_e10162d225c65291; do
  pdftotext -layout "$r/pdf/cairo/$f.pdf" "$out/pdftotext-layout-cairo/$f.txt"
done
pdftotext -layout "$r/pdf/word-letter-serif/002_1b897dc814a8f4e7.pdf" "$out/pdftotext-layout-word-letter-serif/002_1b897dc814a8f4e7.txt"
# tables that go on over a page without their header (wkhtmltopdf): the header is carried over
mkdir -p "$out/pdftotext-layout-wkhtmltopdf" "$out/pdftotext-layout-wkhtmltopdf-a4"
pdftotext -layout "$r/pdf/wkhtmltopdf/002_1b897dc814a8f4e7.pdf" "$out/pdftotext-layout-wkhtmltopdf/002_1b897dc814a8f4e7.txt"
for f in 000_318a4c095323d6df 003_0ef4a6012a6cd2d4; do
  pdftotext -layout "$r/pdf/wkhtmltopdf-a4/$f.pdf" "$out/pdftotext-layout-wkhtmltopdf-a4/$f.txt"
done
# a follow-up table over pages: the wrapped label "Multiprobleemgezinnen" under every header (glyphs: not
# page furniture), a header not repeated carried over with it (wkhtmltopdf)
pdftotext -layout "$r/pdf/glyphs/003_0ef4a6012a6cd2d4.pdf" "$out/pdftotext-layout-glyphs/003_0ef4a6012a6cd2d4.txt"
pdftotext -layout "$r/pdf/wkhtmltopdf/003_0ef4a6012a6cd2d4.pdf" "$out/pdftotext-layout-wkhtmltopdf/003_0ef4a6012a6cd2d4.txt"
# follow-up findings columns one space apart (Word landscape, letter serif): verdicts read, a word at a cut may move
mkdir -p "$out/pdftotext-layout-word-landscape"
pdftotext -layout "$r/pdf/word-landscape/003_0ef4a6012a6cd2d4.pdf" "$out/pdftotext-layout-word-landscape/003_0ef4a6012a6cd2d4.txt"
pdftotext -layout "$r/pdf/word-letter-serif/003_0ef4a6012a6cd2d4.pdf" "$out/pdftotext-layout-word-letter-serif/003_0ef4a6012a6cd2d4.txt"
# the follow-up report's last column well right of its label "2014", a mark glued to the word before it (cairo)
mkdir -p "$out/pdftotext-layout-ghostscript"
for p in cairo ghostscript word; do
  pdftotext -layout "$r/pdf/$p/003_0ef4a6012a6cd2d4.pdf" "$out/pdftotext-layout-$p/003_0ef4a6012a6cd2d4.txt"
done
# layout text that must be refused (fixtures/refused): rows whose cut layout text cannot show, marks in no cell
mkdir -p fixtures/refused/pdftotext-layout-word-letter-serif
pdftotext -layout "$r/pdf/word-letter-serif/000_318a4c095323d6df.pdf" fixtures/refused/pdftotext-layout-word-letter-serif/000_318a4c095323d6df.txt
# html2text (Debian 12): layout text whose cells, header labels too, stand one space apart when their column is
# full, top-aligned, rows line after line without blank lines; list items in a cell as "* "
mkdir -p "$out/html2text-word"
for f in 000_318a4c095323d6df 001_c669e5a01401b566 002_1b897dc814a8f4e7 004_e10162d225c65291; do
  html2text -utf8 -width 200 "$r/html/word/$f.html" > "$out/html2text-word/$f.txt"
done
# html2text of the ruled HTML: cells centred vertically in their rows (a criterion in the middle of the rows it spans)
mkdir -p "$out/html2text-ruled"
for f in 000_318a4c095323d6df 001_c669e5a01401b566; do
  html2text -utf8 -width 200 "$r/html/ruled/$f.html" > "$out/html2text-ruled/$f.txt"
done
# w3m -dump (w3m 0.5.3+git20230121) of the ruled HTML: header labels centred over their columns, cells centred
# vertically in their rows, cells one space apart when their column is full, a theme title centred over its table
mkdir -p "$out/w3m-ruled"
w3m -dump -cols 200 "$r/html/ruled/000_318a4c095323d6df.html" > "$out/w3m-ruled/000_318a4c095323d6df.txt"
# ... and one whose centred criterion the rows cannot place: refused (criterion_mismatch in rebuilt text).
mkdir -p fixtures/refused/w3m-ruled
w3m -dump -cols 200 "$r/html/ruled/004_e10162d225c65291.html" > fixtures/refused/w3m-ruled/004_e10162d225c65291.txt
# pdftotext without -layout: table cells interleaved line by line or a column at a time. Not in
# fixtures/converted (they cannot match their source): fixtures/interleaved, where
# test/flattened-safety.test.ts checks that the flattened reader refuses them rather than misread them.
for l in glyphs browser; do
  mkdir -p "fixtures/interleaved/pdftotext-raw-$l"
  for f in 000_318a4c095323d6df 004_e10162d225c65291; do
    pdftotext "$r/pdf/$l/$f.pdf" "fixtures/interleaved/pdftotext-raw-$l/$f.txt"
  done
done
for l in hyphenated wkhtmltopdf; do
  mkdir -p "fixtures/interleaved/pdftotext-raw-$l"
  pdftotext "$r/pdf/$l/000_318a4c095323d6df.pdf" "fixtures/interleaved/pdftotext-raw-$l/000_318a4c095323d6df.txt"
done
# LibreOffice's text export (7.4) of the DOCX renderings: each table cell on a line of its own, an
# empty cell as an empty line, no table structure otherwise. Criteria tables are read as flattened
# text; follow-up tables (003) only because every row proves one line per column
# (extractors/tables/flattened-followup.ts). soffice names its output after the input, hence --outdir.
for l in ruled word; do
  mkdir -p "$out/libreoffice-txt-$l"
  for f in 000_318a4c095323d6df 001_c669e5a01401b566 002_1b897dc814a8f4e7 003_0ef4a6012a6cd2d4 004_e10162d225c65291; do
    soffice --headless --convert-to "txt:Text (encoded):UTF8" --outdir "$out/libreoffice-txt-$l" "$r/docx/$l/$f.docx" >/dev/null
  done
done
# Text of Word 97-2003 files by the converters legacy pipelines used (Debian's antiword 0.37, catdoc 0.95)
# and docx2txt 1.4 for the DOCX. antiword: fixed-width tables, "|cell|cell|", each cell wrapped inside its
# column, no line between rows, words too long for a column cut without a hyphen (read by
# extractors/tables/wrapped-pipe-tables.ts). catdoc: tab-separated rows, no blank lines anywhere, empty
# cells dropped; its follow-up table (003) has lost which column a verdict stood in and is refused
# (fixtures/refused). docx2txt: a cell per line, read as flattened text.
mkdir -p "$out/antiword-ruled" "$out/antiword-word" "$out/catdoc-word" "$out/docx2txt-word" fixtures/refused/catdoc-word
for f in 000_318a4c095323d6df 003_0ef4a6012a6cd2d4; do
  antiword "$r/doc/ruled/$f.doc" > "$out/antiword-ruled/$f.txt"
done
for f in 000_318a4c095323d6df 001_c669e5a01401b566 003_0ef4a6012a6cd2d4 004_e10162d225c65291; do
  antiword "$r/doc/word/$f.doc" > "$out/antiword-word/$f.txt"
done
for f in 000_318a4c095323d6df 001_c669e5a01401b566; do
  catdoc -w "$r/doc/word/$f.doc" > "$out/catdoc-word/$f.txt"
done
catdoc -w "$r/doc/word/003_0ef4a6012a6cd2d4.doc" > fixtures/refused/catdoc-word/003_0ef4a6012a6cd2d4.txt
for f in 003_0ef4a6012a6cd2d4 004_e10162d225c65291; do
  docx2txt "$r/docx/word/$f.docx" "$out/docx2txt-word/$f.txt"
done
# Other pandoc writers. DokuWiki ("^" header cells, "\\" line breaks), org tables (their bold "*X*" marks
# too; from HTML, an indicator's list on a row of its own), AsciiDoc, Jira (a cell's paragraphs as lines
# that start no row) and Muse (bare "|" rows, grid tables with no line between them, tables without their
# header rows) read like their source (fixtures/converted); markua ("[TABLE]") loses findings:
# fixtures/lossy, checked by test/lossy-variants.test.ts.
mkdir -p "$out/pandoc-dokuwiki" "$out/pandoc-org" "$out/pandoc-asciidoc" "$out/pandoc-jira" "$out/pandoc-muse" fixtures/lossy/pandoc-markua
pandoc -f html -t dokuwiki "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-dokuwiki/000_318a4c095323d6df.txt"
pandoc -f docx -t dokuwiki "$r/docx/word/003_0ef4a6012a6cd2d4.docx" -o "$out/pandoc-dokuwiki/003_0ef4a6012a6cd2d4.txt"
pandoc -f docx -t org "$r/docx/word/004_e10162d225c65291.docx" -o "$out/pandoc-org/004_e10162d225c65291.txt"
pandoc -f docx -t org "$r/docx/word/000_318a4c095323d6df.docx" -o "$out/pandoc-org/000_318a4c095323d6df.txt"
pandoc -f html -t jira "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-jira/000_318a4c095323d6df.txt"
pandoc -f html -t muse "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-muse/000_318a4c095323d6df.txt"
pandoc -f docx -t muse "$r/docx/ruled/002_1b897dc814a8f4e7.docx" -o "$out/pandoc-muse/002_1b897dc814a8f4e7.txt"
pandoc -f docx -t muse "$r/docx/word/004_e10162d225c65291.docx" -o "$out/pandoc-muse/004_e10162d225c65291.txt"
# ZimWiki: a cell's line breaks as "\n", its later paragraphs after blank lines, a bar alone closing the row.
mkdir -p "$out/pandoc-zimwiki"
pandoc -f html -t zimwiki "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-zimwiki/000_318a4c095323d6df.txt"
# Textile: "|_." header cells, raw HTML tables for cells of several paragraphs, "–" spelled "  -  ".
mkdir -p "$out/pandoc-textile"
pandoc -f html -t textile "$r/html/ruled/001_c669e5a01401b566.html" -o "$out/pandoc-textile/001_c669e5a01401b566.txt"
pandoc -f html -t textile "$r/html/ruled/002_1b897dc814a8f4e7.html" -o "$out/pandoc-textile/002_1b897dc814a8f4e7.txt"
pandoc -f html -t org "$r/html/ruled/001_c669e5a01401b566.html" -o "$out/pandoc-org/001_c669e5a01401b566.txt"
pandoc -f html -t markua "$r/html/ruled/000_318a4c095323d6df.html" -o fixtures/lossy/pandoc-markua/000_318a4c095323d6df.txt
# pdftohtml -xml (poppler 22): a PDF's positioned text runs, read by the PDF table layout (read-pdfxml.ts).
mkdir -p "$out/pdftohtml-xml"
pdftohtml -xml -i -stdout "$r/pdf/word/000_318a4c095323d6df.pdf" > "$out/pdftohtml-xml/000_318a4c095323d6df.xml"
pdftohtml -xml -i -stdout "$r/pdf/cairo/003_0ef4a6012a6cd2d4.pdf" > "$out/pdftohtml-xml/003_0ef4a6012a6cd2d4.xml"
# OpenDocument of a table with a theme row and a header row (pandoc keeps the first only): made by
# scripts/render-fixtures.ts as fixtures/rendered/odt/pandoc-ruled.
pandoc -f docx -t asciidoc "$r/docx/word/000_318a4c095323d6df.docx" -o "$out/pandoc-asciidoc/000_318a4c095323d6df.txt"
# MediaWiki tables ("{|", "|-", "!" header and "|" data cells, a cell going on over lines after "<br />")
mkdir -p "$out/pandoc-mediawiki"
pandoc -f html -t mediawiki "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-mediawiki/000_318a4c095323d6df.txt"
pandoc -f html -t mediawiki "$r/html/word/001_c669e5a01401b566.html" -o "$out/pandoc-mediawiki/001_c669e5a01401b566.txt"
pandoc -f docx -t mediawiki "$r/docx/word/003_0ef4a6012a6cd2d4.docx" -o "$out/pandoc-mediawiki/003_0ef4a6012a6cd2d4.txt"
pandoc -f html -t asciidoc "$r/html/ruled/001_c669e5a01401b566.html" -o "$out/pandoc-asciidoc/001_c669e5a01401b566.txt"
# DocBook XML (read by extractors/input/read-docbook.ts, by its content: the name says nothing). pandoc
# -t docbook writes a body of <section>s (DocBook 5's namespace on each) or <para>s side by side, with
# CALS tables: a theme row in <thead>, the header row in <tbody>, a merged criterion as an empty entry
# under it; -t docbook4 -s a whole DocBook 4 article (a doctype, <sect1>, no namespace).
mkdir -p "$out/pandoc-docbook"
pandoc -f html -t docbook "$r/html/ruled/000_318a4c095323d6df.html" -o "$out/pandoc-docbook/000_318a4c095323d6df.xml"
pandoc -f docx -t docbook "$r/docx/word/001_c669e5a01401b566.docx" -o "$out/pandoc-docbook/001_c669e5a01401b566.xml"
pandoc -s -f docx -t docbook4 "$r/docx/word/003_0ef4a6012a6cd2d4.docx" -o "$out/pandoc-docbook/003_0ef4a6012a6cd2d4.xml"
# wvHtml (Debian's wv 1.2) of Word 97-2003 files: every table row written in full, the slots a rowspan
# covers as cells of their own (<td rowspan="0">), and rowspans that run on past the next criterion
# (read as written by extractors/input/html-tables.ts). wvHtml writes beside its output name: run in the folder.
mkdir -p "$out/wvhtml-ruled"
for f in 000_318a4c095323d6df 004_e10162d225c65291; do
  (cd "$out/wvhtml-ruled" && wvHtml "$OLDPWD/$r/doc/ruled/$f.doc" "$f.html" >/dev/null)
done
# Python's html2text (Debian's python3-html2text 2020.1.16, command html2markdown) at its defaults: tables
# without outer bars, rows hard-wrapped at 78 columns and ended by markdown's hard break (two spaces), a
# cell's paragraphs after hard breaks or blank lines, "LET OP" as a paragraph of its own, the cells a
# rowspan covers left out, a theme row as a one-column table ("Toeleiding  " over "---  "), a line of
# spaces between rows (read by extractors/tables/hard-break-rows.ts).
mkdir -p "$out/py-html2text-word" "$out/py-html2text-ruled"
for f in 000_318a4c095323d6df 003_0ef4a6012a6cd2d4; do
  html2markdown "$r/html/word/$f.html" > "$out/py-html2text-word/$f.md"
done
for f in 000_318a4c095323d6df 002_1b897dc814a8f4e7; do
  html2markdown "$r/html/ruled/$f.html" > "$out/py-html2text-ruled/$f.md"
done
# odt2txt 0.5 at its defaults (65 columns) of LibreOffice's and pandoc's ODT: every cell a paragraph of its own,
# hard-wrapped, so a line may open in lower case with words that could start a wording ("voor" / "de aanpak"),
# and a cell's line breaks dropped without a space ("bijgehoudenDe gemeente"): read as flattened text.
mkdir -p "$out/odt2txt-word" "$out/odt2txt-pandoc"
odt2txt "$r/odt/word/000_318a4c095323d6df.odt" > "$out/odt2txt-word/000_318a4c095323d6df.txt"
odt2txt "$r/odt/pandoc/000_318a4c095323d6df.odt" > "$out/odt2txt-pandoc/000_318a4c095323d6df.txt"
