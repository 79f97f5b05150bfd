// The module vite-workbench-url.ts provides: the URL of the workbench's entry chunk.
declare module 'virtual:workbench-url' {
  const url: string;
  export default url;
}
