// GraphiQL for stancegraph, bundled with its npm packages (web/package.json)
// so the page needs nothing but the server that serves it: no CDN, works
// offline. The explorer plugin is on; the tabs open on the questions of
// docs/examples.md (build.mjs puts them in __EXAMPLES__); the active tab's
// query and variables live in the URL (?query=…&variables=…), so a link
// opens GraphiQL on a query and the address bar is always a permalink.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';

/* global __EXAMPLES__ */
const examples = __EXAMPLES__;
const params = new URLSearchParams(location.search);
const query = params.get('query') ?? undefined;
const variables = params.get('variables') ?? undefined;

// The URL's query first, then every example (named after its question);
// GraphiQL uses these only when it has no tabs in storage, and then opens
// the URL's query in a tab of its own.
const linked = examples.find((e) => e.query === query);
const first = linked ? linked.named : query;
const defaultTabs = examples.filter((e) => e !== linked && e.named !== query).map((e) => ({ query: e.named }));
if (first !== undefined) defaultTabs.unshift({ query: first, variables });

function onTabChange(state) {
  const tab = state.tabs[state.activeTabIndex];
  if (!tab) return;
  const next = new URLSearchParams(location.search);
  for (const [key, value] of [['query', tab.query], ['variables', tab.variables]]) {
    if (value && value.trim()) next.set(key, value);
    else next.delete(key);
  }
  const url = `${location.pathname}?${next}`.replace(/\?$/, '');
  if (url !== location.pathname + location.search) history.replaceState(null, '', url);
}

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', location.href).href });
const root = createRoot(document.getElementById('graphiql'));
root.render(h(GraphiQL, {
  fetcher,
  plugins: [explorerPlugin()],
  defaultTabs,
  query: first,
  variables,
  onTabChange,
  defaultEditorToolsVisibility: variables ? 'variables' : false,
  inputValueDeprecation: true,
}, h(GraphiQL.Logo, null, 'stancegraph ', h('a', { href: '/explorer/', title: 'The map of coalitions' }, 'explorer'))));
