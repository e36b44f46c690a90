// The catalogue's parts as the build serves them (scripts/vite/i18n-split.ts): one part, one language.
declare module 'virtual:esc-messages/*' {
  const table: Record<string, string>;
  export default table;
}
