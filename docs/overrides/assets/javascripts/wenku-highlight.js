/*
 * wenku: the words a reader searched for, highlighted on the page a search result
 * opened (wenku-search.js links results with ?h=<words separated by spaces>), and
 * the first of them in the linked section scrolled into view.
 */
(() => {
  "use strict";

  const PARAM = "h";
  const SKIPPED = /^(script|style|mark|textarea|input|select|button|svg)$/i;
  const words = (new URLSearchParams(location.search).get(PARAM) || "").split(" ").filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const content = document.querySelector("article.md-content__inner");
  if (!words.length || !content) return;

  function textNodes(rootNode) {
    const walker = document.createTreeWalker(rootNode, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        for (let el = node.parentElement; el && el !== rootNode; el = el.parentElement) {
          if (SKIPPED.test(el.tagName)) return NodeFilter.FILTER_REJECT;
        }
        return node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  /** Wraps every occurrence of the words in one text node in <mark class="wk-hit">. */
  function mark(node) {
    const text = node.nodeValue;
    const lower = text.toLowerCase();
    const spans = [];
    for (const word of words) {
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
        if (!spans.some(([s, e]) => at < e && s < at + word.length)) spans.push([at, at + word.length]);
      }
    }
    if (!spans.length) return [];
    spans.sort((a, b) => a[0] - b[0]);
    const fragment = document.createDocumentFragment();
    const marks = [];
    let pos = 0;
    for (const [start, end] of spans) {
      fragment.append(text.slice(pos, start));
      const hit = document.createElement("mark");
      hit.className = "wk-hit";
      hit.textContent = text.slice(start, end);
      fragment.append(hit);
      marks.push(hit);
      pos = end;
    }
    fragment.append(text.slice(pos));
    node.replaceWith(fragment);
    return marks;
  }

  const marks = textNodes(content).flatMap(mark);
  if (!marks.length) return;
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const first = (target && marks.find((m) => target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING))
    || marks[0];
  first.classList.add("wk-hit--first");
  requestAnimationFrame(() => first.scrollIntoView({ block: "center" }));
})();
