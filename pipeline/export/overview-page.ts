/**
 * overview.html: one self-contained static page (no network, no library: plain HTML, CSS and a small
 * script). The data sits in the page as JSON; the script draws the heatmap as one HTML string per level
 * (a fixed table layout: tens of thousands of cells lay out without measuring their content), and one delegated listener shows a cell's
 * indicator, evidence and source on hover or click. Every heatmap cell is a <td> with data-verdict and
 * data-finding-id; empty positions carry neither.
 */
import type { OverviewData } from './overview-data.js';

/** JSON safe inside <script>: no `</script>`, no `<!--`, no line separators that old parsers choke on. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header,main{padding:0 20px}main{padding-bottom:140px}header{background:#24405f;color:#fff;padding:12px 20px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.8;font-size:12px}
section{margin:18px 0}h2{font-size:17px;margin:0 0 8px}
.counts{display:flex;flex-wrap:wrap;gap:8px}.count{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px 12px}
.count b{display:block;font-size:20px}
table.list{border-collapse:collapse;background:#fff}table.list td,table.list th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
.bar{display:flex;width:420px;height:18px;border:1px solid #ccc;background:#eee}.bar span{display:block;height:100%}
.v-voldoet{background:#4caf50}.v-verbeterpunt{background:#e53935}.v-gemengd{background:#fbc02d}.v-none{background:#bdbdbd}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
.heat-wrap{overflow:auto;max-height:75vh;border:1px solid #ccc;background:#fff}
table.heat{border-collapse:collapse;font-size:11px;table-layout:fixed}table.heat col.rh{width:260px}table.heat col.c{width:15px}
table.heat th{background:#f0f0f0;position:sticky;top:0;z-index:1;font-weight:normal;border:1px solid #ddd;padding:1px}
table.heat th.theme{top:0;font-size:10px}table.heat th.theme div{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.heat tr.ids th{top:19px}table.heat tr.ids th.ind{writing-mode:vertical-rl;transform:rotate(180deg);height:64px}
table.heat th.row{position:sticky;left:0;z-index:2;text-align:left;white-space:nowrap;padding:0 6px;max-width:320px;overflow:hidden;text-overflow:ellipsis}
table.heat td{width:14px;min-width:14px;height:14px;border:1px solid #eee;padding:0}
table.heat td[data-verdict]{cursor:pointer}
td[data-verdict=voldoet]{background:#4caf50}td[data-verdict=verbeterpunt]{background:#e53935}
td[data-verdict=gemengd]{background:#fbc02d}td[data-verdict=none]{background:#bdbdbd}
td.sel{outline:2px solid #000;outline-offset:-1px}
#detail{position:sticky;bottom:0;z-index:5;background:#fffbe6;border-top:2px solid #24405f;padding:8px 20px;min-height:60px;font-size:13px}
#detail .ev{white-space:pre-wrap;margin:4px 0}#detail small{color:#555}
`;

const SCRIPT = `
(function(){
var D=JSON.parse(document.getElementById('overview-data').textContent);
function esc(t){return String(t).replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';'});}
var VERDICTS=['none','voldoet','verbeterpunt','gemengd'];
var th=D.themes.map(function(t){var total=0;for(var k in t.counts)total+=t.counts[k];
  var bar=['voldoet','verbeterpunt','gemengd','none'].map(function(v){var n=t.counts[v]||0;return n?'<span class="v-'+v+'" style="width:'+(100*n/total).toFixed(2)+'%" title="'+v+': '+n+'"></span>':'';}).join('');
  var pct=function(v){return total?Math.round(100*(t.counts[v]||0)/total)+'%':'-';};
  return '<tr><th>'+esc(t.name)+'</th><td><div class="bar">'+bar+'</div></td><td>'+pct('voldoet')+'</td><td>'+pct('verbeterpunt')+'</td><td>'+total+'</td></tr>';}).join('');
document.getElementById('themes').innerHTML='<tr><th>theme</th><th>verdicts</th><th>voldoet</th><th>verbeterpunt</th><th>findings</th></tr>'+th;
var heat=document.getElementById('heatmaps');
if(!D.panelPresent){heat.innerHTML='<p>No panel in this folder (panel.jsonl / panel.csv), so no heatmap.</p>';}
var html=[];
D.levels.forEach(function(L,li){
  var groups=[];L.columns.forEach(function(id){var t=(D.indicators[id]||['?'])[0];var g=groups[groups.length-1];if(g&&g.t===t)g.n++;else groups.push({t:t,n:1});});
  html.push('<h3>'+esc(L.level)+' <small>('+L.rows.length+' rows × '+L.columns.length+' indicators)</small></h3><div class="heat-wrap"><table class="heat" style="width:'+(260+15*L.columns.length)+'px" data-level="'+esc(L.level)+'"><colgroup><col class="rh">'+new Array(L.columns.length+1).join('<col class="c">')+'</colgroup><thead><tr><th class="row"></th>');
  groups.forEach(function(g){var name=esc(D.themeNames[g.t]||g.t);html.push('<th class="theme" colspan="'+g.n+'" title="'+name+'"><div style="width:'+(g.n*15-2)+'px">'+name+'</div></th>');});
  html.push('</tr><tr class="ids"><th class="row">municipality · aanpak · year</th>');
  L.columns.forEach(function(id){html.push('<th class="ind" title="'+esc((D.indicators[id]||['',''])[1])+'">'+esc(id)+'</th>');});
  html.push('</tr></thead><tbody>');
  L.rows.forEach(function(r,ri){
    html.push('<tr><th class="row" title="'+esc(r.label)+'">'+esc(r.label)+'</th>');var col=0;
    r.cells.forEach(function(c,ci){
      while(col<c[0]){html.push('<td></td>');col++;}
      if(c[0]<col)return;
      var f=D.findings[c[2]];
      html.push('<td data-verdict="'+VERDICTS[c[1]]+'" data-finding-id="'+f[0]+'" data-ref="'+li+'.'+ri+'.'+ci+'"></td>');col++;});
    while(col<L.columns.length){html.push('<td></td>');col++;}
    html.push('</tr>');});
  html.push('</tbody></table></div>');
});
if(D.panelPresent)heat.innerHTML=html.join('');
var detail=document.getElementById('detail');var sel=null;
function show(td){
  var p=td.getAttribute('data-ref').split('.');var L=D.levels[+p[0]];var r=L.rows[+p[1]];var c=r.cells[+p[2]];var f=D.findings[c[2]];
  var id=L.columns[c[0]];var ind=D.indicators[id]||['',''];var s=D.sources[f[2]];
  var about=(c[4]&2?'regional report; ':'')+c[3]+' report'+(c[3]==1?'':'s')+(c[4]&1?', reports disagree':'');
  detail.innerHTML='<b>'+esc(r.label)+'</b> · <b>'+esc(id)+'</b> '+esc(ind[1])+' · <span class="verdict">'+(c[1]?VERDICTS[c[1]]:'no verdict')+'</span> <small>('+about+')</small>'+
    '<div class="ev">'+esc(f[1]||'(no evidence text)')+'</div><small>source: <span class="src">'+esc(s[1])+(f[3]?', '+esc(f[3]):'')+'</span> · report '+esc(s[0])+' · finding '+esc(f[0])+(f[4]?' · printed as: '+esc(f[4]):'')+'</small>';
}
heat.addEventListener('mouseover',function(e){var td=e.target.closest('td[data-ref]');if(td&&!sel)show(td);});
heat.addEventListener('click',function(e){var td=e.target.closest('td[data-ref]');if(!td)return;if(sel)sel.classList.remove('sel');sel=td;td.classList.add('sel');show(td);});
document.getElementById('warnings').innerHTML='<tr><th>code</th><th>severity</th><th>count</th><th>meaning</th></tr>'+
  (D.warnings.length?D.warnings.map(function(w){return '<tr><td><code>'+esc(w[0])+'</code></td><td>'+esc(w[1])+'</td><td>'+w[2]+'</td><td>'+esc(w[3])+'</td></tr>';}).join(''):'<tr><td colspan="4">none</td></tr>');
document.getElementById('failed').innerHTML='<tr><th>file</th><th>code</th><th>reason</th></tr>'+
  (D.failed.length?D.failed.map(function(f){return '<tr><td>'+esc(f[0])+'</td><td><code>'+esc(f[1])+'</code></td><td>'+esc(f[2])+'</td></tr>';}).join(''):'<tr><td colspan="3">none</td></tr>');
})();
`;

export function renderOverview(data: OverviewData): string {
  const counts = Object.entries(data.counts)
    .map(([k, v]) => `<div class="count"><b>${v}</b>${escapeHtml(k.replaceAll('_', ' '))}</div>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(data.title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${escapeHtml(data.title)}</h1><p>${escapeHtml(data.versions)}</p></header>
<main>
<section><h2>Counts</h2><div class="counts" id="counts">${counts}${'panel_rows' in data.counts ? '' : `<div class="count"><b>${data.panelRows}</b>panel rows</div>`}</div></section>
<section><h2>Verdicts per theme</h2><table class="list" id="themes"></table>
<p class="legend"><span class="v-voldoet"></span>voldoet<span class="v-verbeterpunt"></span>verbeterpunt<span class="v-gemengd"></span>gemengd<span class="v-none"></span>no verdict</p></section>
<section><h2>Municipality × indicator (panel)</h2><p>One cell per panel row, indicators grouped by theme. Hover or click a cell for its evidence; the full text is in findings.csv.</p>${
    data.panelRowsShown < data.panelRows
      ? `<p class="capped" id="heatmap-capped">Showing ${data.panelRowsShown} of ${data.panelRows} panel rows: the first municipality × aanpak × year rows of panel.csv. A page of every row would be too large to open; all of them are in panel.csv and dataset.xlsx.</p>`
      : ''
  }
<div id="heatmaps"></div></section>
<section><h2>Warnings by code</h2><table class="list" id="warnings"></table></section>
<section><h2>Failed inputs</h2><table class="list" id="failed"></table></section>
</main>
<div id="detail"><small>Hover or click a heatmap cell.</small></div>
<script type="application/json" id="overview-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
