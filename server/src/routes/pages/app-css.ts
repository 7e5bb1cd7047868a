/** The only stylesheet, served from the companion itself (no CDN). Readable from 320 px wide up. */
export const APP_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#172b4d;background:#fafbfc}
a{color:#0052cc}.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding:12px 16px;background:#0747a6;color:#fff}
.top a{color:#fff}.top nav{display:flex;flex-wrap:wrap;gap:12px}.top button{font:inherit}.brand{font-weight:600}
main{max-width:960px;margin:0 auto;padding:16px;overflow-wrap:break-word}main:focus{outline:none}h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem}
.stack{display:flex;flex-direction:column;gap:8px;max-width:560px}input,button,.button{font:inherit;padding:8px}
input[type=url],input[type=email],input[type=password],input[type=text],input[type=date]{width:100%;max-width:560px;border:1px solid #8993a4;border-radius:3px}
[hidden]{display:none!important}
label+select,select+.hint{margin-left:8px}select{font:inherit;padding:4px}
button,.button{cursor:pointer;border:1px solid #8993a4;border-radius:3px;background:#fff;color:#172b4d;text-decoration:none;display:inline-block}
button.primary,.button{background:#0052cc;border-color:#0052cc;color:#fff}.button.secondary{background:#fff;border-color:#8993a4;color:#172b4d}.buttons form{display:flex}button.danger{background:#de350b;border-color:#de350b;color:#fff}
button:disabled{cursor:not-allowed;background:#ebecf0;border-color:#c1c7d0;color:#6b778c}
:focus-visible{outline:3px solid #ffab00;outline-offset:2px}
fieldset{border:1px solid #dfe1e6;border-radius:3px;padding:8px 12px;margin:0;min-width:0}legend{font-weight:600;padding:0 4px}
fieldset:disabled{opacity:.7}.choice{display:flex;gap:8px;align-items:flex-start;margin:6px 0}.choice input{margin-top:4px;padding:0}
.buttons{display:flex;flex-wrap:wrap;gap:8px;align-items:center}.hint{color:#505f79;font-size:.9rem;margin:0}
.notice{border-left:4px solid #6b778c;background:#f4f5f7;padding:8px 12px;margin:12px 0}.notice p{margin:4px 0}
.notice.error,.notice.blocked{border-color:#de350b;background:#ffebe6}.notice.ok{border-color:#00875a;background:#e3fcef}
.notice.info{border-color:#0052cc;background:#deebff}.notice.warn{border-color:#ff991f;background:#fffae6}
.next .label{font-weight:600}.code{font-family:ui-monospace,monospace;font-weight:600}
code{font-family:ui-monospace,monospace;background:#f4f5f7;padding:1px 4px;border-radius:3px}
.wrap{overflow-wrap:anywhere;word-break:break-word}.code-big{font-size:1.15rem;display:inline-block;padding:6px 8px}
.card,.step{background:#fff;border:1px solid #dfe1e6;border-radius:4px;padding:12px 16px;margin:16px 0}.step.locked{background:#f4f5f7}
.step:focus{outline:none}.card h2{margin-top:0;overflow-wrap:anywhere}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0}.facts dt{font-weight:600}.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
.checks{padding-left:20px}.check{margin:6px 0}.check-name{font-weight:600}.check-status{font-weight:600}
.check.passed .check-status{color:#006644}.check.failed .check-status{color:#bf2600}.check-time{color:#505f79;font-size:.9rem}
.check-reason{display:block;overflow-wrap:anywhere}.verdict{margin:0;overflow-wrap:anywhere}.verdict.ok{color:#006644}.verdict.refused{color:#bf2600}
.actions{display:flex;flex-wrap:wrap;gap:16px}.crumbs{font-size:.9rem;margin:0}.egress{padding-left:20px}
table{border-collapse:collapse;width:100%}caption{text-align:left;padding:4px 0;color:#505f79}
th,td{text-align:left;padding:6px;border-bottom:1px solid #dfe1e6;vertical-align:top}
.badge{padding:2px 6px;border-radius:3px;background:#dfe1e6;font-size:.85rem;font-weight:600;vertical-align:middle;color:#172b4d}
.badge.ready{background:#e3fcef;color:#006644}.badge.blocked{background:#ffebe6;color:#bf2600}.badge.revoked{background:#42526e;color:#fff}
.inline{display:inline}.audit .who,.audit .detail,.audit .code-cell{overflow-wrap:anywhere}.audit .action{white-space:nowrap}.audit td:first-child{white-space:nowrap}.code-cell{font-size:.8rem}.audit .day{display:block}.states{display:block;color:#505f79}h3.minor{font-size:1rem;margin:12px 0 0}.checks.compact{margin:4px 0}.checks.compact .check{margin:2px 0}.choices .card{margin:8px 0}.choices button{font-weight:600;min-width:12rem}
main.wide{max-width:1280px}.toolbar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;margin:8px 0}
.filter ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}.filter a[aria-current]{font-weight:600;color:#172b4d}
.status{table-layout:fixed;font-size:.875rem}.status th,.status td{padding:6px 8px}.status thead th{font-size:.8rem;color:#505f79}
.status th:nth-child(1){width:13%}.status th:nth-child(2){width:9%}.status th:nth-child(3){width:14%}.status th:nth-child(4){width:8%}.status th:nth-child(6){width:10%}.status th:nth-child(7){width:16%}
.status .badge{white-space:nowrap}.status .code{display:block;font-size:.8rem}
.status .name{font-weight:600;overflow-wrap:anywhere}.one-line{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.row-actions{display:flex;flex-wrap:wrap;gap:2px 10px;align-items:baseline}.row-actions form{margin:0}
button.link{border:0;background:none;padding:0;color:#0052cc;text-decoration:underline;font:inherit;cursor:pointer}
@media (max-width:600px){table,thead,tbody,tr,th,td{display:block}thead{position:absolute;left:-999px}tr{border-bottom:2px solid #c1c7d0}td{border:0;padding:2px 0}caption{display:block}.audit td[data-label]::before,.tokens td[data-label]::before,.status td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#505f79}.audit .day{display:inline}.audit .action{white-space:normal}
.status th,.status td{width:auto!important;padding:2px 0}.one-line{white-space:normal;overflow-wrap:anywhere}
.facts{grid-template-columns:1fr}.facts dd{margin-bottom:6px}main{padding:12px}.card,.step{padding:10px 12px}}
`;
