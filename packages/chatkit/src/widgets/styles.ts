// CSS of the widget renderer, injected once into the element's shadow root. Only the theme's
// custom properties are used, each with a fallback.
export const widgetStyles = `
.tl-widget{font-family:var(--tl-font-family,system-ui,sans-serif);font-size:var(--tl-font-size,16px);color:var(--tl-text,#111);line-height:1.4;position:relative;max-width:100%}
.tl-widget *{box-sizing:border-box}
.tl-widget[aria-busy=true]>.tl-w-root,.tl-widget[aria-busy=true]>.tl-w-basic{opacity:.6;pointer-events:none}
.tl-widget[aria-busy=true]::after{content:"";position:absolute;top:50%;left:50%;width:20px;height:20px;margin:-10px;border:2px solid var(--tl-border,#dcdce0);border-top-color:var(--tl-accent,#2563eb);border-radius:50%;animation:tl-w-spin .8s linear infinite}
.tl-w-root{display:flex;flex-direction:column;gap:6px;max-width:100%}
.tl-w-status{display:flex;align-items:center;gap:6px;font-size:13px;color:var(--tl-text-muted,#5d5d66)}
.tl-w-favicon{border-radius:3px}.tl-w-favicon.tl-w-framed{padding:2px;background:var(--tl-surface,#f7f7f8);border:1px solid var(--tl-border,#dcdce0)}
.tl-w-card{position:relative;display:flex;flex-direction:column;gap:calc(var(--tl-gap,8px) * 1.5);padding:16px;background:var(--tl-bg,#fff);border:1px solid var(--tl-border,#dcdce0);border-radius:calc(var(--tl-radius,12px) * 1.25);width:100%;margin:0}
.tl-w-card-sm{max-width:360px}.tl-w-card-md{max-width:520px}.tl-w-card-lg{max-width:720px}.tl-w-card-full{max-width:none}
.tl-w-card-body{display:flex;flex-direction:column;gap:var(--tl-gap,8px)}
.tl-w-card-body[hidden]{display:none}
.tl-w-card-footer{display:flex;justify-content:flex-end;gap:var(--tl-gap,8px);flex-wrap:wrap}
.tl-w-card-toggle{align-self:flex-start;font:inherit;background:none;border:1px solid var(--tl-border,#dcdce0);border-radius:999px;width:24px;height:24px;cursor:pointer;color:var(--tl-text-muted,#5d5d66)}
.tl-w-theme-dark{color-scheme:dark;--tl-bg:#1b1b1d;--tl-surface:#242427;--tl-surface-2:#2e2e32;--tl-text:#f2f2f3;--tl-text-muted:#a8a8ad;--tl-border:#3a3a3f;color:var(--tl-text)}
.tl-w-theme-light{color-scheme:light;--tl-bg:#fff;--tl-surface:#f7f7f8;--tl-surface-2:#ececf1;--tl-text:#111;--tl-text-muted:#5d5d66;--tl-border:#dcdce0;color:var(--tl-text)}
.tl-w-listview{display:flex;flex-direction:column;background:var(--tl-bg,#fff);border:1px solid var(--tl-border,#dcdce0);border-radius:calc(var(--tl-radius,12px) * 1.25);overflow:hidden;max-width:520px;width:100%}
.tl-w-listitem{display:flex;align-items:center;gap:var(--tl-gap,8px);padding:10px 14px;border-top:1px solid var(--tl-border,#dcdce0)}
.tl-w-listitem:first-child{border-top:0}
.tl-w-clickable{cursor:pointer}.tl-w-clickable:hover,.tl-w-clickable:focus-visible{background:var(--tl-surface,#f7f7f8);outline:none}
.tl-w-show-more{font:inherit;font-size:14px;padding:8px;background:none;border:0;border-top:1px solid var(--tl-border,#dcdce0);color:var(--tl-accent,#2563eb);cursor:pointer}
.tl-w-box{min-width:0}
.tl-w-spacer{flex:1 1 auto}
.tl-w-divider{border:0;border-top:1px solid var(--tl-border,#dcdce0);margin:4px 0;width:100%;align-self:stretch}
.tl-w-divider.tl-w-flush{margin-inline:-16px;width:auto}
.tl-w-transition{animation:tl-w-fade .2s ease-out}
.tl-w-text,.tl-w-title,.tl-w-caption,.tl-w-label{margin:0;min-width:0;overflow-wrap:anywhere}
.tl-w-title{font-weight:600;line-height:1.25}
.tl-w-caption{color:var(--tl-text-muted,#5d5d66)}
.tl-w-label{font-weight:500}
.tl-w-caret{display:inline-block;width:.5em;height:1em;vertical-align:text-bottom;background:currentColor;opacity:.5;margin-inline-start:2px;animation:tl-w-blink 1s steps(2) infinite}
.tl-w-editable{font:inherit;color:inherit;background:transparent;border:0;border-bottom:1px dashed var(--tl-border,#dcdce0);padding:2px 0;width:100%}
.tl-w-badge{display:inline-flex;align-items:center;width:fit-content;font-weight:500;border-radius:6px;white-space:nowrap;border:1px solid transparent;color:var(--tl-w-tone)}
.tl-w-badge-sm{font-size:12px;padding:1px 6px}.tl-w-badge-md{font-size:13px;padding:2px 8px}.tl-w-badge-lg{font-size:14px;padding:3px 10px}
.tl-w-badge-soft{background:color-mix(in srgb,var(--tl-w-tone) 14%,transparent)}
.tl-w-badge-solid{background:var(--tl-w-tone);color:#fff}
.tl-w-badge-outline{border-color:var(--tl-w-tone)}
.tl-w-pill{border-radius:999px}
.tl-w-icon{flex:none;display:inline-block;vertical-align:middle}
.tl-w-image{display:block;max-width:100%;min-width:0;border-radius:var(--tl-radius,8px)}
.tl-w-image.tl-w-framed{border:1px solid var(--tl-border,#dcdce0);padding:4px;background:var(--tl-surface,#f7f7f8)}
.tl-w-image.tl-w-flush{border-radius:0}
.tl-w-image-blocked{display:flex;align-items:center;justify-content:center;min-height:48px;padding:8px;font-size:13px;color:var(--tl-text-muted,#5d5d66);background:var(--tl-surface-2,#ececf1)}
.tl-w-button{--tl-w-tone:var(--tl-text,#111);display:inline-flex;align-items:center;justify-content:center;gap:6px;font:inherit;font-size:14px;font-weight:500;padding:0 14px;border-radius:var(--tl-radius,8px);border:1px solid transparent;cursor:pointer;white-space:nowrap;width:fit-content}
.tl-w-button:disabled{opacity:.55;cursor:default}
.tl-w-button:focus-visible,.tl-w-control:focus-visible,.tl-w-check input:focus-visible{outline:2px solid var(--tl-accent,#2563eb);outline-offset:1px}
.tl-w-c-primary{--tl-w-tone:var(--tl-accent,#2563eb);--tl-w-on:var(--tl-accent-contrast,#fff)}
.tl-w-c-secondary{--tl-w-tone:var(--tl-text,#111);--tl-w-on:var(--tl-bg,#fff)}
.tl-w-c-info{--tl-w-tone:#2563eb;--tl-w-on:#fff}.tl-w-c-discovery{--tl-w-tone:#7c3aed;--tl-w-on:#fff}
.tl-w-c-success{--tl-w-tone:#16a34a;--tl-w-on:#fff}.tl-w-c-caution{--tl-w-tone:#ca8a04;--tl-w-on:#fff}
.tl-w-c-warning{--tl-w-tone:#d97706;--tl-w-on:#fff}.tl-w-c-danger{--tl-w-tone:#dc2626;--tl-w-on:#fff}
.tl-w-button.tl-w-solid{background:var(--tl-w-tone);color:var(--tl-w-on)}
.tl-w-button.tl-w-solid.tl-w-c-secondary{background:var(--tl-surface-2,#ececf1);color:var(--tl-text,#111)}
.tl-w-button.tl-w-soft{background:color-mix(in srgb,var(--tl-w-tone) 12%,transparent);color:var(--tl-w-tone)}
.tl-w-button.tl-w-outline{background:transparent;border-color:color-mix(in srgb,var(--tl-w-tone) 35%,var(--tl-border,#dcdce0));color:var(--tl-w-tone)}
.tl-w-button.tl-w-ghost{background:transparent;color:var(--tl-w-tone)}
.tl-w-button:not(:disabled):hover{filter:brightness(.95)}
.tl-w-button.tl-w-ghost:not(:disabled):hover,.tl-w-button.tl-w-outline:not(:disabled):hover{background:color-mix(in srgb,var(--tl-w-tone) 8%,transparent)}
.tl-w-uniform{padding:0}
.tl-w-block{width:100%;align-self:stretch}
.tl-w-control{font:inherit;font-size:14px;color:var(--tl-text,#111);background:var(--tl-bg,#fff);border:1px solid var(--tl-border,#dcdce0);border-radius:var(--tl-radius,8px);padding:0 10px;min-width:0;max-width:100%}
.tl-w-control.tl-w-v-soft{background:var(--tl-surface-2,#ececf1);border-color:transparent}
.tl-w-control.tl-w-v-ghost{background:transparent;border-color:transparent}
.tl-w-control.tl-w-v-solid{background:var(--tl-surface,#f7f7f8)}
.tl-w-control:disabled{opacity:.6}
.tl-w-input,.tl-w-textarea{width:100%}
.tl-w-textarea{padding:8px 10px;resize:vertical;line-height:1.4}
.tl-w-select{padding-inline-end:28px}
.tl-w-searchable{display:flex;flex-direction:column;gap:4px;min-width:0}.tl-w-searchable .tl-w-input{min-height:28px;font-size:13px}
.tl-w-check{display:inline-flex;align-items:center;gap:8px;font-size:14px;cursor:pointer}
.tl-w-check input{margin:0;accent-color:var(--tl-accent,#2563eb);width:16px;height:16px}
.tl-w-radios{display:flex;gap:8px 16px}.tl-w-dir-col{flex-direction:column}.tl-w-dir-row{flex-direction:row;flex-wrap:wrap}
.tl-w-form{margin:0}
.tl-w-table{overflow-x:auto;max-width:100%}
.tl-w-table table{border-collapse:collapse;width:100%;font-size:14px}
.tl-w-table th,.tl-w-table td{padding:6px 10px;border-bottom:1px solid var(--tl-border,#dcdce0);text-align:start;vertical-align:middle}
.tl-w-table th{font-weight:600;color:var(--tl-text-muted,#5d5d66);background:var(--tl-surface,#f7f7f8)}
.tl-w-chart{position:relative;width:100%;min-width:0}
.tl-w-chart-pending{background:var(--tl-surface,#f7f7f8);border-radius:var(--tl-radius,8px)}
.tl-w-chart-box{position:relative;width:100%;height:100%}
.tl-w-chart svg{display:block;overflow:visible}
.tl-w-grid{stroke:var(--tl-border,#dcdce0);stroke-width:1}
.tl-w-axis{font-size:11px;fill:var(--tl-text-muted,#5d5d66)}
.tl-w-hover{fill:color-mix(in srgb,var(--tl-text,#111) 5%,transparent)}
.tl-w-tooltip{position:absolute;pointer-events:none;background:var(--tl-bg,#fff);border:1px solid var(--tl-border,#dcdce0);border-radius:var(--tl-radius,8px);padding:6px 8px;font-size:12px;box-shadow:0 2px 8px rgb(0 0 0/.12);min-width:120px}
.tl-w-swatch{display:inline-block;width:8px;height:8px;border-radius:2px}
.tl-w-spinner{display:inline-block;width:14px;height:14px;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:tl-w-spin .8s linear infinite}
.tl-w-unknown{display:contents}
.tl-w-markdown{min-width:0}
@keyframes tl-w-spin{to{transform:rotate(360deg)}}
@keyframes tl-w-fade{from{opacity:0;transform:translateY(2px)}}
@keyframes tl-w-blink{to{opacity:0}}
@media (prefers-reduced-motion:reduce){.tl-w-transition,.tl-w-caret{animation:none}}
`;
