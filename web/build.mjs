// Builds the two pages that web.go embeds, both committed:
//   dist/           the explorer: src/main.js bundled (with cytoscape and
//                   cytoscape-fcose) and minified, index.html and style.css
//                   copied beside it;
//   graphiql-dist/  GraphiQL with the explorer plugin: graphiql/main.js
//                   bundled with react and its CSS (fonts inlined), the
//                   example questions of ../docs/examples.md as its tabs.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const common = { bundle: true, minify: true, format: 'esm', target: 'es2020', legalComments: 'linked', logLevel: 'info' };

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
await build({ ...common, entryPoints: ['src/main.js'], outfile: 'dist/app.js' });
copyFileSync('src/index.html', 'dist/index.html');
copyFileSync('src/style.css', 'dist/style.css');

rmSync('graphiql-dist', { recursive: true, force: true });
mkdirSync('graphiql-dist');
await build({
  ...common,
  entryPoints: { graphiql: 'graphiql/main.js' },
  outdir: 'graphiql-dist',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  define: { __EXAMPLES__: JSON.stringify(examples('../docs/examples.md')), 'process.env.NODE_ENV': '"production"' },
});
copyFileSync('graphiql/index.html', 'graphiql-dist/index.html');

// examples returns each "## question" of the file with its ```graphql block,
// the query named after the question so that GraphiQL's tab says what it asks.
function examples(path) {
  const md = readFileSync(path, 'utf8');
  const out = [];
  for (const m of md.matchAll(/^## (.+)\n[\s\S]*?```graphql\n([\s\S]*?)```/gm)) {
    const title = m[1].trim();
    out.push({ title, query: m[2], named: named(title, m[2]) });
  }
  if (out.length < 8) throw new Error(`${path}: found ${out.length} examples, want at least 8`);
  return out;
}

// named gives an anonymous query ("{ … }") an operation name made of the
// question's first words: "Who opposes Article 5 (human rights) …?" →
// "query WhoOpposesArticle5HumanRights { … }".
function named(title, query) {
  if (!query.trimStart().startsWith('{')) return query;
  const words = title.replace(/['’]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean).slice(0, 6);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return `query ${/^[0-9]/.test(name) ? 'Q' + name : name} ${query.trimStart()}`;
}
