/** The element's own CSS (shadow root). Colours, radius and spacing come only from the theme's custom properties. */
export const baseStyles = `
:host{display:block;height:100%;contain:content}
*{box-sizing:border-box}
.root{display:flex;flex-direction:column;height:100%;background:var(--tl-bg);color:var(--tl-text);font-family:var(--tl-font-family);font-size:var(--tl-font-size);line-height:1.5;position:relative;overflow:hidden}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button{font:inherit;color:inherit;cursor:pointer}
button:disabled{cursor:default;opacity:.5}
:focus-visible{outline:2px solid var(--tl-accent);outline-offset:2px}
.icon-btn{display:inline-flex;align-items:center;justify-content:center;min-width:32px;height:32px;border:0;border-radius:calc(var(--tl-radius)/1.5);background:transparent;color:var(--tl-text-muted);padding:0 6px;gap:4px}
.icon-btn:hover{background:var(--tl-surface-2);color:var(--tl-text)}
.icon-btn[aria-pressed=true]{color:var(--tl-accent)}
.header{display:flex;align-items:center;gap:var(--tl-gap);padding:8px 12px;border-bottom:1px solid var(--tl-border);min-height:48px}
.header h1{flex:1;margin:0;font-size:1em;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.body{flex:1;display:flex;min-height:0;position:relative}
.thread{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:calc(var(--tl-gap)*1.5);overscroll-behavior:contain}
.start{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:16px;padding:24px;text-align:center}
.start h2{margin:0;font-size:1.5em;font-weight:600}
.prompts{display:flex;flex-wrap:wrap;gap:8px;justify-content:center;list-style:none;margin:0;padding:0}
.prompt{border:1px solid var(--tl-border);background:var(--tl-surface);border-radius:var(--tl-radius);padding:8px 14px}
.prompt:hover{background:var(--tl-surface-2)}
.msg-user{align-self:flex-end;max-width:80%;background:var(--tl-surface-2);border-radius:var(--tl-radius);padding:8px 14px;white-space:pre-wrap;overflow-wrap:anywhere}
.msg-user .quote{border-inline-start:3px solid var(--tl-border);padding-inline-start:8px;color:var(--tl-text-muted);margin-bottom:4px}
.msg-assistant{max-width:100%;overflow-wrap:anywhere}
.msg-actions{display:flex;gap:2px;margin-top:4px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.chip{display:inline-flex;align-items:center;gap:6px;border:1px solid var(--tl-border);border-radius:calc(var(--tl-radius)/1.5);padding:2px 8px;font-size:.85em;background:var(--tl-surface);max-width:240px}
.chip img{width:32px;height:32px;object-fit:cover;border-radius:4px}
.chip span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chip[data-status=error]{border-color:#d33}
.tag{font:inherit;color:var(--tl-accent);background:none;border:0;padding:0;cursor:pointer;font-weight:600}
.tag-wrap{position:relative;display:inline-block}
.tag-preview{position:absolute;left:0;top:100%;z-index:5;min-width:220px;max-width:320px;margin-top:4px;padding:8px;border:1px solid var(--tl-border);border-radius:var(--tl-radius);background:var(--tl-bg);box-shadow:0 4px 16px rgba(0,0,0,.15)}
.composer-menu{list-style:none;margin:6px 0 0;padding:4px;border:1px solid var(--tl-border);border-radius:calc(var(--tl-radius)/1.5);background:var(--tl-surface);max-height:220px;overflow:auto}
.composer-menu li{display:flex;align-items:center;gap:6px;padding:4px 8px;border-radius:4px;cursor:pointer}
.composer-menu li[data-active=true]{background:var(--tl-border)}
.menu-note{margin-left:auto;opacity:.6;font-size:.85em}
.sources{margin:6px 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px;font-size:.85em}
.sources a{color:var(--tl-text-muted)}
.placeholder-item{border:1px dashed var(--tl-border);border-radius:var(--tl-radius);padding:8px 12px;color:var(--tl-text-muted);font-size:.9em}
.workflow{border:1px solid var(--tl-border);border-radius:var(--tl-radius);padding:6px 12px;background:var(--tl-surface)}
.workflow summary{cursor:pointer;color:var(--tl-text-muted)}
.tasks{margin:6px 0 0;padding-inline-start:18px}
.task{color:var(--tl-text-muted);font-size:.92em}
.task[data-status=loading]::after{content:' …'}
.progress{color:var(--tl-text-muted);font-size:.9em;animation:tl-pulse 1.4s ease-in-out infinite}
@keyframes tl-pulse{50%{opacity:.45}}
@media (prefers-reduced-motion:reduce){.progress{animation:none}}
.notice{border:1px solid var(--tl-border);border-inline-start:4px solid var(--tl-accent);border-radius:var(--tl-radius);padding:8px 12px;display:flex;gap:8px;align-items:flex-start}
.notice[data-level=warning]{border-inline-start-color:#c98a00}
.notice[data-level=danger],.error{border-inline-start-color:#d33}
.notice>div{flex:1}
.error{border:1px solid var(--tl-border);border-inline-start:4px solid #d33;border-radius:var(--tl-radius);padding:8px 12px;display:flex;gap:8px;align-items:center;justify-content:space-between}
.btn{border:1px solid var(--tl-border);background:var(--tl-surface);border-radius:calc(var(--tl-radius)/1.5);padding:4px 12px}
.btn:hover{background:var(--tl-surface-2)}
.btn-primary{background:var(--tl-accent);color:var(--tl-accent-contrast);border-color:var(--tl-accent)}
.composer-wrap{padding:8px 12px 12px}
.composer{border:1px solid var(--tl-border);border-radius:var(--tl-radius);background:var(--tl-surface);padding:6px 8px;display:flex;flex-direction:column;gap:4px}
.composer[data-drag=true]{border-color:var(--tl-accent);border-style:dashed}
.composer textarea{border:0;background:transparent;color:inherit;font:inherit;resize:none;outline:none;min-height:24px;max-height:200px;padding:4px;width:100%}
.composer-row{display:flex;align-items:center;gap:4px}
.composer-row .spacer{flex:1}
.composer select{font:inherit;font-size:.85em;background:transparent;color:var(--tl-text-muted);border:1px solid var(--tl-border);border-radius:calc(var(--tl-radius)/1.5);padding:2px 4px;max-width:160px}
.structured-input{display:flex;flex-direction:column;gap:10px;padding:12px 16px;border-top:1px solid var(--tl-border);max-height:50%;overflow-y:auto}
.structured-input fieldset{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
.structured-input legend{font-weight:600;margin-bottom:4px;padding:0}
.structured-input label{display:flex;align-items:center;gap:8px}
.structured-input textarea{font:inherit;color:inherit;background:var(--tl-surface);border:1px solid var(--tl-border);border-radius:calc(var(--tl-radius)/1.5);padding:6px 10px;resize:vertical}
.structured-actions{display:flex;justify-content:flex-end;gap:8px}
.structured-summary dl{margin:0;display:flex;flex-direction:column;gap:4px;border-inline-start:3px solid var(--tl-border);padding-inline-start:10px}
.structured-summary dt{font-weight:600}
.structured-summary dd{margin:0;color:var(--tl-text-muted)}
.send{background:var(--tl-accent);color:var(--tl-accent-contrast);border-radius:999px;min-width:32px}
.send:hover{background:var(--tl-accent);color:var(--tl-accent-contrast);opacity:.9}
.composer-errors{color:#d33;font-size:.85em;margin:0;padding:0;list-style:none}
.disclaimer{font-size:.8em;color:var(--tl-text-muted);text-align:center;padding:0 12px 8px}
.disclaimer[data-contrast=true]{color:var(--tl-text)}
.closed{padding:12px;text-align:center;color:var(--tl-text-muted);border-top:1px solid var(--tl-border)}
.history{position:absolute;inset:0;background:var(--tl-bg);display:flex;flex-direction:column;z-index:2}
.history-head{display:flex;align-items:center;gap:8px;padding:8px 12px;border-bottom:1px solid var(--tl-border)}
.history-head h2{flex:1;margin:0;font-size:1em}
.history ul{list-style:none;margin:0;padding:6px;overflow-y:auto;flex:1}
.history li{display:flex;align-items:center;gap:4px;border-radius:calc(var(--tl-radius)/1.5)}
.history li[aria-current=true]{background:var(--tl-surface-2)}
.history .open{flex:1;text-align:start;border:0;background:transparent;padding:8px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;border-radius:inherit}
.history .open:hover{background:var(--tl-surface)}
.history input{flex:1;font:inherit;padding:6px;border:1px solid var(--tl-accent);border-radius:6px;background:var(--tl-bg);color:inherit}
.history .empty{padding:16px;color:var(--tl-text-muted);text-align:center}
.loading{padding:24px;text-align:center;color:var(--tl-text-muted)}
`;
