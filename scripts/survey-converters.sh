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
# More converters of Debian 12 (packages odt2txt, elinks, links, wv, python3-html2text, weasyprint, ghostscript,
# chromium): odt2txt at its default 65 columns and unwrapped, elinks and links at 80 and 200 columns, wvHtml and
# antiword's DocBook of the Word 97 files, Python's html2text, pandoc's writers with other wrapping, LibreOffice
# from its own ODT, RTF and DOC; and PDFs of other writers: WeasyPrint and AbiWord, a PostScript round trip
# (pdftops + ps2pdf), and Chromium printing LibreOffice's and pandoc's HTML (cells set about their middle).
if have odt2txt; then
  mkdir -p "$out/odt2txt" "$out/odt2txt-w0"
  for d in "$r"/odt/*; do for f in "$d"/*.odt; do b=$(basename "$d")-$(basename "$f" .odt)
    odt2txt "$f" > "$out/odt2txt/$b.txt"; odt2txt --width=-1 "$f" > "$out/odt2txt-w0/$b.txt"; done; done
fi
for tool in elinks links; do
  have $tool || continue
  mkdir -p "$out/$tool" "$out/$tool-200"
  for v in ruled word; do for f in "$r"/html/$v/*.html; do b=$v-$(basename "$f" .html)
    case $tool in
      elinks) elinks -dump -no-references -no-numbering "$f" > "$out/$tool/$b.txt"; elinks -dump -dump-width 200 "$f" > "$out/$tool-200/$b.txt" ;;
      links) links -dump "$f" > "$out/$tool/$b.txt"; links -dump -width 200 "$f" > "$out/$tool-200/$b.txt" ;;
    esac
  done; done
done
if have wvHtml; then
  mkdir -p "$out/wvhtml"
  # wvHtml writes beside its output name: run in the folder.
  for v in ruled word; do for f in "$r"/doc/$v/*.doc; do
    (cd "$out/wvhtml" && wvHtml "$OLDPWD/$f" "$v-$(basename "$f" .doc).html" >/dev/null 2>&1); done; done
fi
if have antiword; then
  mkdir -p "$out/antiword-db"
  for v in ruled word; do for f in "$r"/doc/$v/*.doc; do antiword -x db "$f" > "$out/antiword-db/$v-$(basename "$f" .doc).xml"; done; done
fi
if have html2markdown; then
  mkdir -p "$out/py-html2text"
  for v in ruled word; do for f in "$r"/html/$v/*.html; do html2markdown "$f" > "$out/py-html2text/$v-$(basename "$f" .html).md" 2>/dev/null; done; done
fi
if have pandoc; then
  for spec in "markdown --wrap=none:md-nowrap" "plain --wrap=none:plain-nowrap" "gfm --wrap=preserve:gfm-preserve" "markdown --columns=120:md-120" "rst --wrap=none:rst-nowrap"; do
    args=${spec%%:*}; name=${spec##*:}; mkdir -p "$out/pandoc-$name"
    for src in html/ruled html/word docx/ruled docx/word; do for f in "$r"/$src/*; do
      n=$(basename "$f"); ext=${n##*.}
      pandoc -f "$ext" -t $args "$f" -o "$out/pandoc-$name/$(echo $src | tr / -)-${n%.*}.txt" 2>/dev/null
    done; done
  done
fi
if have soffice; then
  profile=$(mktemp -d)
  for src in odt/ruled rtf/word doc/word odt/pandoc; do for filter in "txt:Text (encoded):UTF8" html; do
    name="lo-$(echo $src | tr / -)-${filter%%:*}"; mkdir -p "$out/$name"
    soffice -env:UserInstallation=file://$profile --headless --convert-to "$filter" --outdir "$out/$name" "$r"/$src/* >/dev/null 2>&1
  done; done
  rm -rf "$profile"
fi
if have weasyprint; then
  mkdir -p "$out/weasyprint"
  for v in ruled word; do for f in "$r"/html/$v/*.html; do weasyprint -q "$f" "$out/weasyprint/$v-$(basename "$f" .html).pdf" 2>/dev/null; done; done
fi
if have abiword; then
  mkdir -p "$out/abiword-pdf"
  for v in ruled word; do for f in "$r"/docx/$v/*.docx; do abiword --to=pdf -o "$out/abiword-pdf/$v-$(basename "$f" .docx).pdf" "$f" >/dev/null 2>&1; done; done
fi
if have ps2pdf && have pdftops; then
  mkdir -p "$out/ps2pdf"
  work=$(mktemp -d)
  for d in word browser; do for f in "$r"/pdf/$d/*.pdf; do
    pdftops "$f" "$work/rt.ps" && ps2pdf "$work/rt.ps" "$out/ps2pdf/$d-$(basename "$f")"; done; done
  rm -rf "$work"
fi
if have chromium; then
  profile=$(mktemp -d)
  print() { chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$profile" --print-to-pdf="$2" "file://$1" >/dev/null 2>&1; }
  if [ -d "$out/libreoffice-html" ]; then
    mkdir -p "$out/chromium-lohtml"
    for f in "$out"/libreoffice-html/*.html; do print "$(realpath "$f")" "$out/chromium-lohtml/$(basename "$f" .html).pdf"; done
  fi
  if [ -d "$out/pandoc-html5" ]; then
    mkdir -p "$out/chromium-pandochtml"
    for f in "$out"/pandoc-html5/*.txt; do cp "$f" "$profile/page.html"; print "$profile/page.html" "$out/chromium-pandochtml/$(basename "$f" .txt).pdf"; done
  fi
  rm -rf "$profile"
fi
