/*
 * wenku search box: Material's header search, answered by Pagefind.
 *
 * The index (scripts/wenku/search.py) holds each report cut into words by the
 * domain dictionary, words separated by spaces, under the language code "und".
 * This script cuts the query the same way: forward maximum matching against
 * the words of the index (pagefind/wenku-vocab/, in files by first character;
 * only the files for the query's characters are fetched). Pagefind then matches
 * each query word as the start of an indexed word, all words required.
 *
 * In the stored text a word joiner (U+2060) alone stands for the report's own
 * whitespace, and one in front of a word marks a word indexed a second time,
 * inside a longer one (选举 in 换届选举) or across two (支部书记 in 党支部/书记);
 * plainText() turns the stored words back into the report's text, and the
 * snippet and its highlights are made from that.
 */
(() => {
  "use strict";

  const JOINER = "\u2060";
  const INDEX_LANGUAGE = "und";
  const PAGE_SIZE = 10;
  const SECTIONS_SHOWN = 2;
  const CONTEXT_BEFORE = 24; // characters of snippet before the match
  const CONTEXT_AFTER = 96;
  const DEBOUNCE_MS = 120;
  const VOCABULARY_SHARDS = 64; // pagefind/wenku-vocab/00.txt … 63.txt, by first character (search.py)
  const PHRASE_RERANK = PAGE_SIZE; // results checked for the words side by side (more would cost fetches)
  const IGNORED_IN_PHRASE = /[\s“”‘’"'「」『』《》〈〉]/gu; // 严格落实“三会一课” has 严格落实三会一课
  const TITLE_WEIGHT = 7; // Pagefind's weight of words in an h1, the report's title
  const HAN = /\p{Script=Han}/u;
  const WORD_CHAR = /[\p{L}\p{N}_]/u;
  const FALLBACK_TEXT = {
    "search.result.placeholder": "键入以开始搜索",
    "search.result.none": "没有找到符合条件的结果",
    "search.result.one": "找到 1 个符合条件的结果",
    "search.result.other": "# 个符合条件的结果",
  };
  const LOADING_TEXT = "正在加载搜索索引…";
  const FAILED_TEXT = "搜索暂不可用：无法加载搜索索引。请通过网站服务器（如 mkdocs serve）打开本站后重试。";

  const form = document.forms.namedItem("wk-search");
  if (!form) return;
  const input = form.elements.namedItem("query");
  const toggle = document.getElementById("__search");
  const box = form.closest(".wk-search");
  const result = box.querySelector(".md-search-result");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".wk-search-more");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href);

  const state = { generation: 0, results: [], shown: 0, words: [], marked: [], composing: false, timer: 0 };
  const vocabulary = { words: new Set(), longest: 1 }; // the index's words loaded so far
  const shards = new Map(); // vocabulary file number → its loading
  const whereLoaded = new Map(); // wenku-where file number → its loading
  const whereShards = new Map(); // word → the index shards holding it
  let engine = null;

  function translate(key, count) {
    const text = (config.translations || {})[key] || FALLBACK_TEXT[key];
    return count === undefined ? text : text.replace("#", count);
  }

  // ---- Pagefind, loaded on first use, and the vocabulary, a few files per query ----

  function loadEngine() {
    if (!engine) {
      engine = loadIndexShards();
      engine.catch(() => { engine = null; }); // let a later keystroke try again
    }
    return engine;
  }

  /** The index is one Pagefind bundle per shard (a year, or part of one: bundle.py), listed in
   *  pagefind/wenku-shards.json; the first is imported, the others merged into it. An archive
   *  without reports lists none. */
  async function loadIndexShards() {
    const listing = await fetch(new URL("pagefind/wenku-shards.json", root), { cache: "no-cache" });
    if (!listing.ok) throw new Error(`pagefind/wenku-shards.json: HTTP ${listing.status}`);
    const [first, ...others] = (await listing.json()).shards;
    if (!first) return null;
    const pagefind = await startPagefind(await import(new URL(`pagefind/${first}/pagefind.js`, root).href));
    await Promise.all(others.map((name) => pagefind.mergeIndex(new URL(`pagefind/${name}/`, root).pathname,
      { baseUrl: root.pathname })));
    return pagefind;
  }

  function loadShard(number) {
    if (!shards.has(number)) {
      const name = `pagefind/wenku-vocab/${String(number).padStart(2, "0")}.txt`;
      const loading = fetch(new URL(name, root), { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return response.text();
      }).then((text) => {
        for (const word of text.split("\n")) {
          if (!word) continue;
          vocabulary.words.add(word);
          vocabulary.longest = Math.max(vocabulary.longest, Array.from(word).length);
        }
      });
      loading.catch(() => shards.delete(number));
      shards.set(number, loading);
    }
    return shards.get(number);
  }

  /** Loads the vocabulary files holding the words that start with a character of `query`. */
  function loadVocabularyFor(query) {
    const numbers = new Set(Array.from(query.toLowerCase(), (c) => c.codePointAt(0) % VOCABULARY_SHARDS));
    return Promise.all([...numbers].map(loadShard));
  }

  async function startPagefind(pagefind) {
    // Pagefind reads the query's language from <html lang>, and for "zh" it would
    // re-cut the query with Intl.Segmenter, which splits domain words apart. The
    // index is "und": show that code while Pagefind starts (synchronously, so the
    // page never renders with it).
    const html = document.documentElement;
    const lang = html.getAttribute("lang");
    let started;
    html.setAttribute("lang", INDEX_LANGUAGE);
    try {
      pagefind.options({ baseUrl: root.pathname });
      started = pagefind.init();
    } finally {
      html.setAttribute("lang", lang);
    }
    await started;
    return pagefind;
  }

  /** Pagefind answers a word that one shard lacks with a shorter word that it holds (its
   *  longest-prefix fallback), so a query searches only the shards holding all its words:
   *  pagefind/wenku-where/NN.txt lists the shards of each word, and of each character that
   *  starts a word (bundle.py). Letters and digits are not listed. Returns Pagefind's
   *  search options, or null when no shard holds them all. */
  async function shardFilter(words) {
    const numbers = new Set(words.map((w) => w.codePointAt(0) % VOCABULARY_SHARDS));
    await Promise.all([...numbers].map((number) => {
      if (!whereLoaded.has(number)) {
        const name = `pagefind/wenku-where/${String(number).padStart(2, "0")}.txt`;
        whereLoaded.set(number, fetch(new URL(name, root), { cache: "no-cache" }).then((r) => r.ok ? r.text() : "")
          .then((text) => {
            for (const line of text.split("\n")) {
              const [word, names] = line.split("\t");
              if (word) whereShards.set(word, new Set(names.split(" ")));
            }
          }));
      }
      return whereLoaded.get(number);
    }));
    let allowed = null;
    for (const word of words) {
      const holding = whereShards.get(word) ?? (HAN.test(word) ? new Set() : null); // no entry: in no shard
      if (holding) allowed = allowed ? allowed.filter((name) => holding.has(name)) : [...holding];
    }
    if (allowed === null) return {};
    return allowed.length ? { filters: { wenku_shard: { any: allowed } } } : null;
  }

  /** The query cut into index words: longest vocabulary word first, a run of
   *  letters or digits of another script as one word, any other character alone. */
  function queryWords(query, { words, longest }) {
    const chars = Array.from(query.toLowerCase());
    const out = [];
    for (let i = 0; i < chars.length;) {
      if (!WORD_CHAR.test(chars[i])) { i += 1; continue; }
      let length = Math.min(longest, chars.length - i);
      while (length > 1 && !words.has(chars.slice(i, i + length).join(""))) length -= 1;
      if (length === 1 && !HAN.test(chars[i])) {
        while (i + length < chars.length && WORD_CHAR.test(chars[i + length]) && !HAN.test(chars[i + length])) {
          length += 1;
        }
      }
      out.push(chars.slice(i, i + length).join(""));
      i += length;
    }
    return out;
  }

  // ---- the report's text back from Pagefind's stored words ----

  function plainWord(word) {
    if (word === JOINER) return " ";
    return word.startsWith(JOINER) ? "" : word;
  }

  function plainText(indexed) {
    return indexed.split(" ").map(plainWord).join("").trim();
  }

  /** About CONTEXT_BEFORE + CONTEXT_AFTER characters of text around word `center`:
   *  { text, start, end } with the words [start, end) it shows. */
  function snippet(indexedWords, center) {
    let start = center;
    let before = 0;
    while (start > 0 && before < CONTEXT_BEFORE) {
      start -= 1;
      before += plainWord(indexedWords[start]).length;
    }
    let end = center;
    let after = 0;
    while (end < indexedWords.length && after < CONTEXT_AFTER) {
      after += plainWord(indexedWords[end]).length;
      end += 1;
    }
    const text = indexedWords.slice(start, end).map(plainWord).join("").trim();
    return { text: (start > 0 ? "…" : "") + text + (end < indexedWords.length ? "…" : ""), start, end };
  }

  /** The place to show: the match with the most query words close by (the first such),
   *  outside the title when the body has a match. */
  function bestLocation(indexedWords, weighted, words) {
    const body = weighted.filter((w) => w.weight < TITLE_WEIGHT);
    const pool = (body.length ? body : weighted).slice().sort((a, b) => a.location - b.location);
    let best = null;
    let bestCount = -1;
    for (const candidate of pool) {
      const count = wordsNear(indexedWords, candidate.location, words);
      if (count > bestCount) [best, bestCount] = [candidate.location, count];
    }
    return best;
  }

  function wordsNear(indexedWords, location, words) {
    const near = new Set();
    const end = Math.min(indexedWords.length, location + 3 * words.length + 2);
    for (let at = Math.max(0, location - 2); at < end; at += 1) {
      const word = indexedWords[at].replace(JOINER, "").toLowerCase();
      for (const w of words) if (word.startsWith(w)) near.add(w);
    }
    return near.size;
  }

  // ---- rendering (Material's result markup, so Material's styles apply) ----

  function element(tag, className, children = []) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  }

  /** `text` with every occurrence of the query words marked, as DOM nodes. */
  function highlighted(text, words) {
    const lower = text.toLowerCase();
    const marks = [];
    for (const word of words.filter(Boolean)) {
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
        marks.push([at, at + word.length]);
      }
    }
    marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const nodes = [];
    let pos = 0;
    for (const [start, end] of marks) {
      if (start < pos) continue;
      nodes.push(text.slice(pos, start), element("mark", "", [text.slice(start, end)]));
      pos = end;
    }
    nodes.push(text.slice(pos));
    return nodes;
  }

  function metaLine(data) {
    const parts = [];
    if (data.meta.year) parts.push(`${data.meta.year}年`);
    for (const key of ["unit", "doc_type"]) {
      if (data.meta[key]) parts.push(plainText(data.meta[key]));
    }
    return element("p", "wk-search-result__meta", [parts.join(" · ")]);
  }

  /** One result: the report (title, year · unit · type, snippet) and up to
   *  SECTIONS_SHOWN of its sections; `marked` are the strings to highlight. */
  function renderReport(data, words, marked) {
    const indexedWords = data.content.split(" ");
    const title = plainText(data.meta.title || "");
    const shown = snippet(indexedWords, bestLocation(indexedWords, data.weighted_locations, words) ?? 0);
    const article = element("article", "md-search-result__article md-typeset", [
      element("div", "md-search-result__icon md-icon"),
      element("h1", "", highlighted(title, marked)),
      metaLine(data),
      element("p", "", highlighted(shown.text, marked)),
    ]);
    const item = element("li", "md-search-result__item", [link(data.url, article)]);
    const sections = data.sub_results.filter((s) => s.anchor && s.anchor.element !== "h1").slice(0, SECTIONS_SHOWN);
    for (const section of sections) {
      const where = bestLocation(indexedWords, section.weighted_locations, words) ?? section.locations[0] ?? 0;
      const parts = [element("h2", "", highlighted(plainText(section.title), marked))];
      if (where < shown.start || where >= shown.end) { // not already in the report's snippet above
        parts.push(element("p", "", highlighted(snippet(indexedWords, where).text, marked)));
      }
      item.append(link(section.url, element("article", "md-search-result__article md-typeset", parts)));
    }
    return item;
  }

  function link(url, article) {
    const anchor = element("a", "md-search-result__link", [article]);
    anchor.href = url;
    anchor.tabIndex = -1;
    return anchor;
  }

  // ---- searching ----

  function setStatus(text, stateName, query) {
    meta.textContent = text;
    result.dataset.wkState = stateName;
    result.dataset.wkQuery = query;
  }

  async function search(query) {
    const generation = ++state.generation;
    list.replaceChildren();
    more.hidden = true;
    if (!query.trim()) {
      setStatus(translate("search.result.placeholder"), "idle", query);
      return;
    }
    if (!engine) setStatus(LOADING_TEXT, "loading", query);
    let pagefind;
    try {
      [pagefind] = await Promise.all([loadEngine(), loadVocabularyFor(query)]);
    } catch (error) {
      if (generation === state.generation) setStatus(FAILED_TEXT, "failed", query);
      console.error("wenku search:", error);
      return;
    }
    const words = queryWords(query, vocabulary);
    const options = words.length && pagefind ? await shardFilter(words) : null;
    const response = options ? await pagefind.search(words.join(" "), options) : { results: [] };
    const results = words.length > 1 ? await phraseFirst(response.results, query) : response.results;
    if (generation !== state.generation) return;
    const marked = [query.trim().toLowerCase(), ...words]; // the whole query first, where it occurs as typed
    Object.assign(state, { results, shown: 0, words, marked });
    const count = results.length;
    const summary = count === 0 ? translate("search.result.none")
      : count === 1 ? translate("search.result.one") : translate("search.result.other", count);
    await showMore(generation);
    if (generation === state.generation) setStatus(summary, "ready", query);
  }

  /** Pagefind finds reports holding every word anywhere; on the first page, those with the
   *  words side by side, as typed, go first (otherwise Pagefind's order is kept). */
  async function phraseFirst(results, query) {
    const phrase = query.replace(IGNORED_IN_PHRASE, "").toLowerCase();
    const head = results.slice(0, PHRASE_RERANK);
    const data = await Promise.all(head.map((r) => r.data()));
    const hasPhrase = data.map((d) => plainText(d.content).replace(IGNORED_IN_PHRASE, "").toLowerCase()
      .includes(phrase));
    const first = head.filter((_, i) => hasPhrase[i]);
    const rest = head.filter((_, i) => !hasPhrase[i]);
    return [...first, ...rest, ...results.slice(PHRASE_RERANK)];
  }

  async function showMore(generation) {
    const page = state.results.slice(state.shown, state.shown + PAGE_SIZE);
    const data = await Promise.all(page.map((r) => r.data()));
    if (generation !== state.generation) return;
    state.shown += page.length;
    list.append(...data.map((d) => renderReport(d, state.words, state.marked)));
    more.hidden = state.shown >= state.results.length;
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => search(input.value), DEBOUNCE_MS);
  }

  // ---- opening, closing and keys, as Material's own search box behaves ----

  function open() {
    if (!toggle.checked) toggle.checked = true;
    loadEngine().catch(() => {});
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function typing(target) {
    return target instanceof HTMLElement
      && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
  }

  function resultLinks() {
    return Array.from(list.querySelectorAll(".md-search-result__link"));
  }

  function moveFocus(step) {
    const links = resultLinks();
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    if (at < 0 && step < 0) return;
    const next = at + step;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }

  input.addEventListener("focus", open);
  // A pointer on its way to a search box: start loading Pagefind before the click.
  for (const target of document.querySelectorAll('label[for="__search"], .md-search__form')) {
    target.addEventListener("pointerenter", () => loadEngine().catch(() => {}), { once: true });
  }
  input.addEventListener("compositionstart", () => { state.composing = true; });
  input.addEventListener("compositionend", () => { state.composing = false; schedule(); });
  input.addEventListener("input", (event) => {
    if (!event.isComposing && !state.composing) schedule();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) setTimeout(() => input.focus(), 250); // after Material's opening transition
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = resultLinks()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => { search(""); input.focus(); });
  });
  more.addEventListener("click", () => showMore(state.generation));
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) close();
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (toggle.checked) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "ArrowDown") { event.preventDefault(); moveFocus(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); moveFocus(-1); }
    } else if (!typing(event.target) && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
