// Module shapes of the non-code files the bundler loads for the Markdown renderer.
declare module '*.woff2' {
  const url: string;
  export default url;
}
declare module '*.css' {
  const text: string;
  export default text;
}
