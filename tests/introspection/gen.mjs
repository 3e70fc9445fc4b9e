// Writes the introspection queries that current clients send, verbatim from
// the packages pinned in package.json (and in web/package.json for
// GraphiQL), to server/testdata/introspection/*.graphql, where
// server/introspection_test.go sends each to the server with its limits.
//
//   npm ci && node gen.mjs      # re-run after changing a pinned version
import { getIntrospectionQuery as gq17 } from 'graphql';
import { getIntrospectionQuery as gq16 } from 'graphql16';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'server', 'testdata', 'introspection');
mkdirSync(out, { recursive: true });

// Every option of getIntrospectionQuery that gqlgen answers. Left out:
// experimentalDirectiveDeprecation (graphql-js 17), which asks
// __Directive.isDeprecated, a field no server outside graphql-js has yet.
const all = {
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
  inputValueDeprecation: true, oneOf: true,
};
const version = (pkg) => JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const files = {
  [`graphql-js-${version('graphql')}-default.graphql`]: gq17(),
  [`graphql-js-${version('graphql')}-all-options.graphql`]: gq17(all),
  [`graphql-js-${version('graphql')}-typeDepth-100.graphql`]: gq17({ ...all, typeDepth: 100 }),
  [`graphql-js-${version('graphql16')}-default.graphql`]: gq16(),
  [`graphql-js-${version('graphql16')}-all-options.graphql`]: gq16(all),
};

// GraphiQL: @graphiql/react's generateIntrospectionQuery (dist/schema.js),
// with the graphql-js that web/ bundles, for its default props and with
// both switches on, and the variant it retries without subscriptions.
const web = createRequire(join(root, 'web', 'package.json'));
const { getIntrospectionQuery: gqWeb } = web('graphql');
const reactDir = join(root, 'web', 'node_modules', '@graphiql', 'react');
const react = JSON.parse(readFileSync(join(reactDir, 'package.json'), 'utf8')).version;
const src = readFileSync(join(reactDir, 'dist', 'schema.js'), 'utf8');
if (!src.includes('getIntrospectionQuery({\n    inputValueDeprecation,\n    schemaDescription\n  })')) {
  throw new Error('@graphiql/react builds its introspection query differently now: update gen.mjs');
}
for (const [name, opts] of [['default', {}], ['deprecation-description', { inputValueDeprecation: true, schemaDescription: true }]]) {
  const query = gqWeb({ inputValueDeprecation: opts.inputValueDeprecation, schemaDescription: opts.schemaDescription });
  files[`graphiql-react-${react}-${name}.graphql`] = query;
  files[`graphiql-react-${react}-${name}-sans-subscriptions.graphql`] = query.replace('subscriptionType { name }', '');
}
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(out, name), text.trim() + '\n');
  console.log(name);
}
