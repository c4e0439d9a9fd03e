// Shows the hover card of the finding under the cursor (the card itself is rendered by hoverCard.ts).
import * as vscode from 'vscode';
import { renderHoverCard } from './hoverCard';
import { CommandIds } from './commandIds';
import { FindingStore, rangeOf } from './findingStore';

export function registerHoverProvider(store: FindingStore, selector: () => vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector(), {
    provideHover(doc, pos) {
      const offset = doc.offsetAt(pos);
      const here = (store.get(doc) ?? []).filter((f) => f.start <= offset && offset <= f.end);
      if (!here.length) return undefined;
      // Claims and quotes first (what the editor most needs), then names.
      here.sort((a, b) => (a.kind === 'name' ? 1 : 0) - (b.kind === 'name' ? 1 : 0) || (a.end - a.start) - (b.end - b.start));
      const md = new vscode.MarkdownString(here.map(renderHoverCard).join('\n\n---\n\n'));
      md.isTrusted = { enabledCommands: [CommandIds.openSource] };
      md.supportHtml = false;
      md.supportThemeIcons = true;
      const f = here[0];
      return new vscode.Hover(md, rangeOf(doc, f.start, f.end));
    },
  });
}
