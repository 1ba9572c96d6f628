// Styles of rendered Markdown, built on the theme's custom properties (with fallbacks).
export const markdownStyles = `
.tl-md{font-family:var(--tl-font-family,system-ui,sans-serif);font-size:var(--tl-font-size,15px);line-height:1.55;color:var(--tl-text,#111);overflow-wrap:anywhere}
.tl-md>:first-child{margin-top:0}.tl-md>:last-child{margin-bottom:0}
.tl-md p,.tl-md ul,.tl-md ol,.tl-md blockquote,.tl-md .tl-md-table,.tl-md .tl-md-code,.tl-md .tl-math-display{margin:0 0 .75em}
.tl-md h1,.tl-md h2,.tl-md h3,.tl-md h4,.tl-md h5,.tl-md h6{margin:1em 0 .5em;line-height:1.25;font-weight:600}
.tl-md h1{font-size:1.5em}.tl-md h2{font-size:1.3em}.tl-md h3{font-size:1.15em}.tl-md h4,.tl-md h5,.tl-md h6{font-size:1em}
.tl-md ul,.tl-md ol{padding-inline-start:1.5em}.tl-md li{margin:.2em 0}.tl-md li>p{margin:.25em 0}
.tl-md li.tl-md-task{list-style:none;margin-inline-start:-1.4em}.tl-md li.tl-md-task>input{margin-inline-end:.4em}
.tl-md a{color:var(--tl-accent,#2563eb);text-decoration:underline;text-underline-offset:2px}
.tl-md blockquote{margin-inline:0;padding-inline-start:.9em;border-inline-start:3px solid var(--tl-border,#d4d4d8);color:var(--tl-text-muted,#555)}
.tl-md hr{border:0;border-top:1px solid var(--tl-border,#d4d4d8);margin:1em 0}
.tl-md code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:var(--tl-surface-2,#f4f4f5);border-radius:4px;padding:.1em .3em}
.tl-md img{max-width:100%;height:auto;border-radius:var(--tl-radius,8px)}
.tl-md-code{border:1px solid var(--tl-border,#e4e4e7);border-radius:var(--tl-radius,8px);background:var(--tl-surface-2,#f4f4f5);overflow:hidden}
.tl-md-code-bar{display:flex;justify-content:space-between;align-items:center;padding:.25em .75em;font-size:.8em;color:var(--tl-text-muted,#666);border-bottom:1px solid var(--tl-border,#e4e4e7)}
.tl-md-copy{font:inherit;color:inherit;background:none;border:0;cursor:pointer;padding:.1em .3em;border-radius:4px}
.tl-md-copy:hover,.tl-md-copy:focus-visible{background:var(--tl-surface,#fff)}
.tl-md-code pre{margin:0;padding:.75em;overflow-x:auto;text-align:left}
.tl-md-code pre code{background:none;padding:0;font-size:.85em;white-space:pre}
.tl-md-table{overflow-x:auto}
.tl-md table{border-collapse:collapse;font-size:.95em}
.tl-md th,.tl-md td{border:1px solid var(--tl-border,#e4e4e7);padding:.35em .6em;text-align:start}
.tl-md th{background:var(--tl-surface-2,#f4f4f5);font-weight:600}
.tl-md .tl-md-raw{white-space:pre-wrap}
.tl-md .tl-md-link-blocked{text-decoration:underline dotted}
.tl-math-display{display:block;overflow-x:auto;overflow-y:hidden;text-align:center}
.tl-math-pending code{white-space:pre-wrap}
`;
