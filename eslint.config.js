// Lint holds the process boundaries (STYLE 11): the renderer never imports electron, node:* or
// the database; services and the HTTP shell never import electron. UI text goes through the
// message catalogue: no literal words in JSX.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The service areas in their order: an area imports only areas before it (and the core: the files
// directly under electron/services, lan, system and vault: the database key and the sealed key
// files every area's data sits under). scripts/areas.ts prints the graph and fails on
// a cycle; these rules stop a wrong edge at the import that makes it.
const SERVICE_AREAS = ['plan', 'draw', 'checkin', 'incidents', 'scoring', 'results', 'seal', 'publication', 'sync', 'records'];
const SERVICE_CORE_DIRS = ['lan', 'system', 'vault'];
const onlyShellImportsElectron = { name: 'electron', message: 'Only electron/shell may import electron.' };
const onlyShellImportsElectronPattern = { group: ['electron/*'], message: 'Only electron/shell may import electron.' };
const servicesStayBelow = {
  group: ['**/commands', '**/commands/*', '**/server', '**/server/*', '**/shell', '**/shell/*', '**/electron/app', '../app', '../../app'],
  message: 'Services never import commands, the server, the shell or the app: they are called by them.',
};
const areaRules = SERVICE_AREAS.map((area, i) => {
  const later = SERVICE_AREAS.slice(i + 1);
  return {
    files: [`electron/services/${area}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [onlyShellImportsElectron],
          patterns: [
            onlyShellImportsElectronPattern,
            servicesStayBelow,
            ...(later.length
              ? [{ group: later.flatMap((b) => [`../${b}`, `../${b}/*`, `../../${b}`, `../../${b}/*`]), message: `Service areas are ordered ${SERVICE_AREAS.join(' < ')}: ${area} may not import a later area.` }]
              : []),
          ],
        },
      ],
    },
  };
});
const coreRule = {
  files: ['electron/services/*.ts', ...SERVICE_CORE_DIRS.map((d) => `electron/services/${d}/**/*.ts`)],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [onlyShellImportsElectron],
        patterns: [
          onlyShellImportsElectronPattern,
          servicesStayBelow,
          { group: SERVICE_AREAS.flatMap((b) => [`./${b}`, `./${b}/*`, `../${b}`, `../${b}/*`]), message: 'The services core (context, errors, audit, batch, lan, system, vault) imports no service area: every area builds on it.' },
        ],
      },
    ],
  },
};

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
  ...areaRules,
  coreRule,
  {
    // S9: a PIN (and any key from a typed secret) is derived in libuv's pool, never on the thread
    // that answers every door; the vault's start-up unlock, before anything is served, is the exception
    files: ['electron/**/*.ts'],
    ignores: ['electron/services/vault/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^(scryptSync|pbkdf2Sync)$/]',
          message: 'No synchronous key derivation in the console: scrypt/pbkdf2 run async in the thread pool (pins.ts hashPinAsync/checkPinAsync, provePins in a command\'s prepare).',
        },
        {
          selector: 'MemberExpression[property.name=/^(scryptSync|pbkdf2Sync)$/]',
          message: 'No synchronous key derivation in the console: scrypt/pbkdf2 run async in the thread pool.',
        },
      ],
    },
  },
  {
    // commands are thin doors: one command file never imports another (shared logic is a service)
    files: ['electron/commands/*.ts'],
    ignores: ['electron/commands/index.ts', 'electron/commands/api.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [onlyShellImportsElectron],
          patterns: [onlyShellImportsElectronPattern, { group: ['./*', '!./registry', '!./bridge'], message: 'A command imports no other command: what two commands share lives in a service.' }],
        },
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
