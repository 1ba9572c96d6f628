// Token colours for highlighted code, mixed from the theme's text colour so they read on light
// and dark surfaces alike.
export const highlightStyles = `
.tl-md-code .hljs-comment,.tl-md-code .hljs-quote{color:var(--tl-text-muted,#6b7280);font-style:italic}
.tl-md-code .hljs-keyword,.tl-md-code .hljs-selector-tag,.tl-md-code .hljs-built_in,.tl-md-code .hljs-doctag{color:color-mix(in srgb,#a626a4 70%,var(--tl-text,#111))}
.tl-md-code .hljs-string,.tl-md-code .hljs-regexp,.tl-md-code .hljs-addition,.tl-md-code .hljs-attribute{color:color-mix(in srgb,#3f9b3f 75%,var(--tl-text,#111))}
.tl-md-code .hljs-number,.tl-md-code .hljs-literal,.tl-md-code .hljs-symbol,.tl-md-code .hljs-bullet{color:color-mix(in srgb,#c66a00 75%,var(--tl-text,#111))}
.tl-md-code .hljs-title,.tl-md-code .hljs-section,.tl-md-code .hljs-name,.tl-md-code .hljs-function .hljs-title{color:color-mix(in srgb,#2f6fdb 75%,var(--tl-text,#111))}
.tl-md-code .hljs-type,.tl-md-code .hljs-class .hljs-title,.tl-md-code .hljs-variable,.tl-md-code .hljs-template-variable{color:color-mix(in srgb,#b8860b 75%,var(--tl-text,#111))}
.tl-md-code .hljs-meta,.tl-md-code .hljs-attr,.tl-md-code .hljs-selector-class,.tl-md-code .hljs-selector-id{color:color-mix(in srgb,#0e8a9a 75%,var(--tl-text,#111))}
.tl-md-code .hljs-deletion{color:color-mix(in srgb,#d03050 75%,var(--tl-text,#111))}
.tl-md-code .hljs-emphasis{font-style:italic}.tl-md-code .hljs-strong{font-weight:600}
`;
