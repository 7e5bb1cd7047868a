/** The only stylesheet, served from the companion itself (no CDN). */
export const APP_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#172b4d;background:#fafbfc}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding:12px 16px;background:#0747a6;color:#fff}
.top button{font:inherit}.brand{font-weight:600}main{max-width:960px;margin:0 auto;padding:16px}
.stack{display:flex;flex-direction:column;gap:8px;max-width:420px}input,button{font:inherit;padding:8px}
button{cursor:pointer}:focus-visible{outline:3px solid #ffab00;outline-offset:2px}
.notice.error{border-left:4px solid #de350b;background:#ffebe6;padding:8px 12px}.next{font-weight:600}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px;border-bottom:1px solid #dfe1e6;vertical-align:top}
.badge{padding:2px 6px;border-radius:3px;background:#dfe1e6}.badge.ready{background:#e3fcef}.badge.blocked{background:#ffebe6}
.inline{display:inline}
@media (max-width:600px){table,thead,tbody,tr,th,td{display:block}thead{position:absolute;left:-999px}}
`;
