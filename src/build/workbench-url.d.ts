// The module vite-workbench-url.ts provides: the URL of the workbench's entry chunk.
declare module 'virtual:workbench-url' {
  const url: string;
  export default url;
}

// The URL of the deck's code-morph animation chunk (src/deck/code-morph.ts).
declare module 'virtual:code-morph-url' {
  const url: string;
  export default url;
}
