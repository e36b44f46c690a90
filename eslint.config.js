// Lint holds the process boundaries (STYLE 11): the renderer never imports electron, node:* or
// the database; services and the HTTP shell never import electron. UI text goes through the
// message catalogue: no literal words in JSX.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'db/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'The renderer never imports electron: use the api client.' },
            { group: ['node:*', ...nodeBuiltins], message: 'The renderer never imports Node built-ins.' },
            { group: ['**/db', '**/db/**', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], message: 'The renderer never imports the database.' },
            {
              regex: '(^|/)electron/(?!commands/api$|domain/)',
              message: 'The renderer reaches the console only through the api client (types from electron/commands/api; pure rules from electron/domain).',
            },
            { group: ['**/electron/commands/api'], allowTypeImports: true, message: 'Only types may come from electron/commands/api.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXText[value=/[A-Za-z\\u3400-\\u9fff]/]',
          message: 'UI text goes through the message catalogue (t(...)), not literal JSX text.',
        },
        {
          selector: 'JSXAttribute[name.name=/^(title|placeholder|label|alt|aria-label)$/] > Literal[value=/[A-Za-z\\u3400-\\u9fff]/]',
          message: 'UI text goes through the message catalogue (t(...)), not literal attribute text.',
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'db/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/shell may import electron.' }], patterns: [{ group: ['electron/*'], message: 'Only electron/shell may import electron.' }] },
      ],
    },
  },
  {
    // the Electron shell: no renderer code (the bridge type lives with the commands), and the HTTP
    // shell only through its entry point electron/server/index.ts
    files: ['electron/shell/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer', '**/renderer/**'], message: 'The shell never imports the renderer: the bridge type is electron/commands/bridge.ts.' },
            { regex: '(^|/)server/(?!index$).+', message: 'The shell imports the HTTP server only through electron/server (its index.ts).' },
          ],
        },
      ],
    },
  },
  {
    // pure rules shared with the renderer: no Node, no database, no other part of the Node side
    files: ['electron/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', 'node:*', ...nodeBuiltins], message: 'electron/domain is pure: the renderer imports it.' },
            { group: ['**/db', '**/db/**', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', '../*', '!../domain/*'], message: 'electron/domain is pure: no database, nothing else from the Node side.' },
          ],
        },
      ],
    },
  },
);
