#!/bin/sh
# Makes <dir>/<converter>/ folders of the rendered fixtures (fixtures/rendered) turned into text by every
# converter installed here, for `node dist/bench/converter-survey.js <dir>` to classify against the text
# sources. Converters that are not installed are left out. Debian packages: pandoc, antiword, catdoc,
# docx2txt, w3m, html2text, lynx, poppler-utils, mupdf-tools, libreoffice-writer, unrtf, abiword, wv. The rendered PDFs are
# surveyed as they are and rewritten by pdftocairo and mutool clean. Run from the repository root:
#   sh scripts/survey-converters.sh /tmp/survey && node dist/bench/converter-survey.js /tmp/survey
set -u
out=${1:?usage: survey-converters.sh <dir>}
r=fixtures/rendered
have() { command -v "$1" >/dev/null 2>&1; }
mkdir -p "$out"
if have antiword; then
  mkdir -p "$out/antiword" "$out/antiword-w0"
  for v in ruled word; do for f in "$r"/doc/$v/*.doc; do b=$(basename "$f" .doc)
    antiword "$f" > "$out/antiword/$v-$b.txt"; antiword -w 0 "$f" > "$out/antiword-w0/$v-$b.txt"; done; done
fi
if have catdoc; then
  mkdir -p "$out/catdoc"
  for v in ruled word; do for f in "$r"/doc/$v/*.doc; do catdoc -w "$f" > "$out/catdoc/$v-$(basename "$f" .doc).txt"; done; done
fi
if have docx2txt; then
  mkdir -p "$out/docx2txt"
  for v in ruled word; do for f in "$r"/docx/$v/*.docx; do docx2txt "$f" "$out/docx2txt/$v-$(basename "$f" .docx).txt"; done; done
fi
if have pandoc; then
  for to in markdown gfm commonmark commonmark_x markdown_strict markdown_mmd markdown_phpextra plain rst asciidoc org \
            dokuwiki jira markua textile mediawiki muse haddock jats html4 latex man ms texinfo docbook \
            xwiki zimwiki asciidoctor html5 docbook5 tei icml fb2 context opml ipynb; do
    mkdir -p "$out/pandoc-$to"
    for src in html/ruled html/word docx/ruled docx/word; do for f in "$r"/$src/*; do
      n=$(basename "$f"); ext=${n##*.}
      pandoc -f "$ext" -t "$to" "$f" -o "$out/pandoc-$to/$(echo $src | tr / -)-${n%.*}.txt" 2>/dev/null
    done; done
  done
fi
# OpenDocument text and RTF from two producers: pandoc (HTML and DOCX in) and LibreOffice (DOCX in).
if have pandoc; then
  mkdir -p "$out/pandoc-odt" "$out/pandoc-rtf"
  for src in html/ruled html/word docx/ruled docx/word; do for f in "$r"/$src/*; do
    n=$(basename "$f"); ext=${n##*.}; b="$(echo $src | tr / -)-${n%.*}"
    pandoc -f "$ext" -t odt "$f" -o "$out/pandoc-odt/$b.odt" 2>/dev/null
    pandoc -s -f "$ext" -t rtf "$f" -o "$out/pandoc-rtf/$b.rtf" 2>/dev/null
  done; done
fi
if have soffice; then
  profile=$(mktemp -d)
  for filter in odt rtf "txt:Text (encoded):UTF8" html pdf "doc:MS Word 97" "docx:MS Word 2007 XML"; do
    kind=${filter%%:*}
    mkdir -p "$out/libreoffice-$kind"
    for v in ruled word; do
      soffice -env:UserInstallation=file://$profile --headless --convert-to "$filter" --outdir "$out/libreoffice-$kind/$v" "$r"/docx/$v/*.docx >/dev/null 2>&1
      for f in "$out/libreoffice-$kind/$v"/*.$kind; do mv "$f" "$out/libreoffice-$kind/$v-$(basename "$f")"; done
      rmdir "$out/libreoffice-$kind/$v"
    done
  done
  rm -rf "$profile"
fi
for tool in w3m html2text lynx; do
  have $tool || continue
  mkdir -p "$out/$tool"
  for v in ruled word; do for f in "$r"/html/$v/*.html; do b=$(basename "$f" .html)
    case $tool in
      w3m) w3m -dump -cols 200 "$f" > "$out/$tool/$v-$b.txt" ;;
      html2text) html2text -utf8 -width 200 "$f" > "$out/$tool/$v-$b.txt" ;;
      lynx) lynx -dump -display_charset=utf-8 "$f" > "$out/$tool/$v-$b.txt" ;;
    esac
    # And at the tools' own default width (80 columns), as most archives will have run them.
    mkdir -p "$out/$tool-80"
    case $tool in
      w3m) w3m -dump "$f" > "$out/$tool-80/$v-$b.txt" ;;
      html2text) html2text -utf8 "$f" > "$out/$tool-80/$v-$b.txt" ;;
      lynx) lynx -dump -display_charset=utf-8 -width=80 "$f" > "$out/$tool-80/$v-$b.txt" ;;
    esac
  done; done
done
if have pdftotext; then
  mkdir -p "$out/pdftotext-layout" "$out/pdftotext-raw"
  for d in "$r"/pdf/*; do for f in "$d"/*.pdf; do b=$(basename "$d")-$(basename "$f" .pdf)
    pdftotext -layout "$f" "$out/pdftotext-layout/$b.txt"; pdftotext "$f" "$out/pdftotext-raw/$b.txt"; done; done
fi
if have unrtf; then
  mkdir -p "$out/unrtf-text" "$out/unrtf-html"
  for v in ruled word; do for f in "$r"/rtf/$v/*.rtf; do b=$v-$(basename "$f" .rtf)
    unrtf --text "$f" > "$out/unrtf-text/$b.txt" 2>/dev/null; unrtf --html "$f" > "$out/unrtf-html/$b.html" 2>/dev/null; done; done
fi
if have abiword; then
  mkdir -p "$out/abiword-txt" "$out/abiword-html"
  for v in ruled word; do for f in "$r"/docx/$v/*.docx; do b=$v-$(basename "$f" .docx)
    abiword --to=txt -o "$out/abiword-txt/$b.txt" "$f" >/dev/null 2>&1; abiword --to=html -o "$out/abiword-html/$b.html" "$f" >/dev/null 2>&1; done; done
fi
if have wvText; then
  mkdir -p "$out/wvtext"
  for v in ruled word; do for f in "$r"/doc/$v/*.doc; do wvText "$f" "$out/wvtext/$v-$(basename "$f" .doc).txt" >/dev/null 2>&1; done; done
fi
if have pdftohtml; then
  # poppler's PDF to HTML: positioned text as XML (read as the PDF's pages), the same as absolutely placed
  # HTML (-c) and as flowing HTML (-s); the last two have no reader and are refused.
  mkdir -p "$out/pdftohtml-xml" "$out/pdftohtml-c" "$out/pdftohtml-s"
  for d in "$r"/pdf/*; do for f in "$d"/*.pdf; do b=$(basename "$d")-$(basename "$f" .pdf)
    pdftohtml -xml -i -stdout "$f" > "$out/pdftohtml-xml/$b.xml" 2>/dev/null
    # -c writes beside the PDF whatever -stdout says: given an output name, into the survey folder.
    pdftohtml -c -s -i -noframes -q "$f" "$out/pdftohtml-c/$b" >/dev/null 2>&1
    pdftohtml -s -i -noframes -stdout "$f" > "$out/pdftohtml-s/$b.html" 2>/dev/null; done; done
fi
# The PDFs themselves, and rewritten by other PDF writers (another writer's text runs over the same pages).
mkdir -p "$out/pdf"
for d in "$r"/pdf/*; do for f in "$d"/*.pdf; do cp "$f" "$out/pdf/$(basename "$d")-$(basename "$f")"; done; done
if have pdftocairo; then
  mkdir -p "$out/pdf-cairo"
  for d in "$r"/pdf/*; do for f in "$d"/*.pdf; do pdftocairo -pdf "$f" "$out/pdf-cairo/$(basename "$d")-$(basename "$f")"; done; done
fi
if have mutool; then
  mkdir -p "$out/pdf-mutool-clean"
  for d in "$r"/pdf/*; do for f in "$d"/*.pdf; do mutool clean -gggg -z "$f" "$out/pdf-mutool-clean/$(basename "$d")-$(basename "$f")" >/dev/null 2>&1; done; done
fi
if have mutool; then
  mkdir -p "$out/mutool"
  for d in "$r"/pdf/*; do for f in "$d"/*.pdf; do mutool draw -q -F txt -o "$out/mutool/$(basename "$d")-$(basename "$f" .pdf).txt" "$f"; done; done
fi
