/* Module shapes Vite provides to the worker build (the worker tsconfig has no vite/client types). */
declare module '*?url' {
  const url: string;
  export default url;
}

/** The app version, injected by Vite's `define`. */
declare const __APP_VERSION__: string;
