// Builds the explorer into dist/: src/main.js bundled (with cytoscape and
// cytoscape-fcose) and minified by esbuild, then index.html and style.css
// copied beside it. dist/ is committed and embedded by web.go.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outfile: 'dist/app.js',
  legalComments: 'linked',
  logLevel: 'info',
});
copyFileSync('src/index.html', 'dist/index.html');
copyFileSync('src/style.css', 'dist/style.css');
