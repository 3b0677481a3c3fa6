/*
 * wenku search box: Material's header search, answered by Pagefind.
 *
 * The index (scripts/wenku/search/) holds each report cut into words by the
 * domain dictionary, words separated by spaces, under the language code "und".
 * This script cuts the query the same way: forward maximum matching against
 * the words of the index (pagefind/wenku-vocab/, in files by first character;
 * only the files for the query's characters are fetched).
 *
 * What a query means: every part must occur in a report (AND). A part is a word
 * of the index, a run of letters or digits, a single character the vocabulary
 * has no word for (a word of one character), or — for two or more such
 * characters side by side — a phrase: the characters together in the text,
 * never loose single characters. Pagefind matches each word as the start of an
 * indexed word; a phrase is looked up by its first character and each candidate
 * report is read to check the phrase stands in it. Results are ranked by how
 * closely the parts match: side by side as typed, then within one section, then
 * anywhere in the report (Pagefind's order, which puts title and heading matches
 * first, is kept within each of these).
 *
 * In the stored text a word joiner (U+2060) alone stands for the report's own
 * whitespace, two end a heading or paragraph, and one in front of a word marks
 * a word indexed a second time, inside a longer one (选举 in 换届选举) or across
 * two (支部书记 in 党支部/书记); plainText() turns the stored words back into
 * the report's text, and the snippet and its highlights are made from that.
 *
 * The index is one Pagefind bundle per shard (a year, or part of one), listed in
 * pagefind/wenku-shards.json. The first is Pagefind's primary index; the others are
 * merged into it (Pagefind's mergeIndex) the first time a query needs them. A query
 * searches only the shards holding every one of its words, which the vocabulary
 * files tell: Pagefind answers a word that a shard lacks with a shorter word it holds
 * (its longest-prefix fallback), so results from other shards would be wrong.
 *
 * The query and the filters are kept in the address (?q=…&year=…), so a result
 * list can be shared and the back button returns to it; a result links to its
 * passage with ?h=<parts> (wenku-highlight.js marks them on the report page).
 */
(() => {
  "use strict";

  const JOINER = "\u2060";
  const BLOCK_END = JOINER + JOINER;
  const INDEX_LANGUAGE = "und";
  const PAGE_SIZE = 10;
  const CONTEXT_BEFORE = 30; // characters of snippet before the match
  const CONTEXT_AFTER = 90;
  const DEBOUNCE_MS = 120;
  const VOCABULARY_FILES = 64; // pagefind/wenku-vocab/00.txt … 63.txt, by first character (search/sitewide.py)
  const RERANK = 2 * PAGE_SIZE; // results read to rank by closeness (more would cost fetches)
  const CHECK_LIMIT = 40; // candidate reports read to check a phrase (each is a fetch)
  const IGNORED_IN_PHRASE = /[\s\u2060“”‘’"'「」『』《》〈〉]/gu; // 严格落实“三会一课” has 严格落实三会一课
  const TITLE_WEIGHT = 7; // Pagefind's weight of words in an h1, the report's title
  const HAN = /\p{Script=Han}/u;
  const WORD_CHAR = /[\p{L}\p{N}_]/u;
  const HIGHLIGHT_PARAM = "h"; // read by wenku-highlight.js
  const FILTERS = [ // data-pagefind-filter names (search/bundle.py FILTERS) → how the box labels them
    { name: "year", label: "年份", all: "全部年份", shown: (v) => `${v}年` },
    { name: "unit", label: "单位", all: "全部单位", shown: (v) => v },
    { name: "type", label: "类型", all: "全部类型", shown: (v) => v },
    { name: "theme", label: "主题", all: "全部主题", shown: (v) => v },
  ];
  const FALLBACK_TEXT = {
    "search.result.placeholder": "键入以开始搜索",
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
  const suggest = box.querySelector(".wk-search-suggest");
  const filterBar = box.querySelector(".wk-search-filters");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".wk-search-more");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href);

  const state = { generation: 0, results: [], shown: 0, parts: [], composing: false, timer: 0 };
  // The index's words loaded so far, and for every query word loaded so far the shards holding it.
  const vocabulary = { words: new Set(), longest: 1, holding: new Map() };
  const vocabularyFiles = new Map(); // vocabulary file number → its loading
  const index = { shards: [], entries: [], merged: new Map() }; // wenku-shards.json; shard number → its merging
  const selects = new Map(); // filter name → its <select>
  let engine = null;
  let filterIndex = null; // loading of { valuesOf: page id → { filter name: [values] }, shardOf: page id → shard number }

  function translate(key, count) {
    const text = (config.translations || {})[key] || FALLBACK_TEXT[key];
    return count === undefined ? text : text.replace("#", count);
  }

  // ---- Pagefind, loaded on first use, its shards when needed, and the vocabulary, a few files per query ----

  function loadEngine() {
    if (!engine) {
      engine = loadPrimary();
      engine.catch(() => { engine = null; }); // let a later keystroke try again
    }
    return engine;
  }

  /** Pagefind with the primary index, the first shard of pagefind/wenku-shards.json; null for
   *  an archive without reports, which lists none (and has no pagefind/pagefind.js). The list
   *  and Pagefind's script (pagefind/pagefind.js, the shards' own copy) load side by side. */
  async function loadPrimary() {
    const [response, module] = await Promise.all([
      fetch(new URL("pagefind/wenku-shards.json", root), { cache: "no-cache" }),
      import(new URL("pagefind/pagefind.js", root).href).catch((error) => error),
    ]);
    if (!response.ok) throw new Error(`wenku-shards.json: HTTP ${response.status}`);
    const listed = await response.json();
    index.shards = listed.shards;
    index.entries = listed.entries || [];
    index.merged = new Map([[0, Promise.resolve()]]);
    if (!index.shards.length) return null;
    if (module instanceof Error) throw module;
    return startPagefind(module, new URL(`pagefind/${index.shards[0]}/`, root).pathname);
  }

  /** Merges the shards `numbers` into Pagefind, each the first time a query needs it. */
  function mergeShards(pagefind, numbers) {
    return Promise.all(numbers.map((number) => {
      if (!index.merged.has(number)) {
        const path = new URL(`pagefind/${index.shards[number]}/`, root).pathname;
        index.merged.set(number, pagefind.mergeIndex(path, { baseUrl: root.pathname, ...cacheTag(number) }));
      }
      return index.merged.get(number);
    }));
  }

  /** A vocabulary file: the words a query is cut into, an empty line, the other query words
   *  (single characters, letters and digits); each with the shards holding it as a hexadecimal
   *  bit mask after a tab, or nothing when every shard holds it (search/sitewide.py). */
  function loadVocabularyFile(number) {
    if (!vocabularyFiles.has(number)) {
      const name = `pagefind/wenku-vocab/${String(number).padStart(2, "0")}.txt`;
      const loading = fetch(new URL(name, root), { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return response.text();
      }).then((text) => {
        const lines = text.split("\n");
        const others = lines.indexOf("");
        lines.forEach((line, at) => {
          if (!line) return;
          const [word, mask = ""] = line.split("\t");
          vocabulary.holding.set(word, mask);
          if (at > others && others >= 0) return;
          vocabulary.words.add(word);
          vocabulary.longest = Math.max(vocabulary.longest, Array.from(word).length);
        });
      });
      loading.catch(() => vocabularyFiles.delete(number));
      vocabularyFiles.set(number, loading);
    }
    return vocabularyFiles.get(number);
  }

  /** Loads the vocabulary files holding the words that start with a character of `query`. */
  function loadVocabularyFor(query) {
    const numbers = new Set(Array.from(query.toLowerCase(), (c) => c.codePointAt(0) % VOCABULARY_FILES));
    return Promise.all([...numbers].map(loadVocabularyFile));
  }

  /** The numbers of the shards holding every one of `terms`; none when a term stands in no report. */
  function shardsHolding(terms) {
    let numbers = index.shards.map((_, number) => number);
    for (const t of terms) {
      const mask = vocabulary.holding.get(t);
      if (mask === undefined) return [];
      if (mask) numbers = numbers.filter((n) => (parseInt(mask[mask.length - 1 - (n >> 2)] || "0", 16) >> (n & 3)) & 1);
    }
    return numbers;
  }

  /** Pagefind's metaCacheTag for shard `number`: its entry file's address then stays the same
   *  until the shard changes, so a browser may keep it from one page to the next. */
  function cacheTag(number) {
    const entry = index.entries[number];
    return entry ? { metaCacheTag: entry.tag } : {};
  }

  async function startPagefind(pagefind, basePath) {
    // Pagefind reads the query's language from <html lang>, and for "zh" it would
    // re-cut the query with Intl.Segmenter, which splits domain words apart. The
    // index is "und": show that code while Pagefind starts (synchronously, so the
    // page never renders with it).
    const html = document.documentElement;
    const lang = html.getAttribute("lang");
    let started;
    html.setAttribute("lang", INDEX_LANGUAGE);
    try {
      pagefind.options({ baseUrl: root.pathname, basePath, ...cacheTag(0) });
      started = pagefind.init();
    } finally {
      html.setAttribute("lang", lang);
    }
    await started;
    loadFilterIndex().catch(() => {}); // alongside the query's vocabulary files, not after them
    return pagefind;
  }

  /** pagefind/wenku-filters.json (search/sitewide.py): page id → its filter values and shard. Counting
   *  and narrowing with it costs little; Pagefind's own filter counts, once its filter index
   *  is loaded, run on every search and doubled the time to first results at 5,000 reports. */
  function loadFilterIndex() {
    if (!filterIndex) {
      filterIndex = fetch(new URL("pagefind/wenku-filters.json", root), { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(`wenku-filters.json: HTTP ${response.status}`);
        return response.json();
      }).then(({ pages, shards, filters }) => {
        const valuesOf = new Map(pages.map((id) => [id, {}]));
        for (const [name, values] of Object.entries(filters)) {
          for (const [value, numbers] of Object.entries(values)) {
            for (const n of numbers) (valuesOf.get(pages[n])[name] ||= []).push(value);
          }
        }
        const shardOf = new Map();
        let page = 0;
        shards.forEach((count, number) => {
          for (const end = page + count; page < end; page += 1) shardOf.set(pages[page], number);
        });
        return { valuesOf, shardOf };
      });
      filterIndex.catch(() => { filterIndex = null; });
    }
    return filterIndex;
  }

  // ---- the query: its parts ----

  /** The query cut into parts { text, kind }: "word", a word of the index (longest first)
   *  or a run of letters or digits of another script; "phrase", two or more Chinese
   *  characters side by side that no word of the index covers, kept together (巡察 in
   *  巡察整改落实); "char", one such character alone, searched as a word of one character. */
  function queryParts(query, { words, longest }) {
    const chars = Array.from(query.toLowerCase());
    const out = [];
    let run = "";
    const flush = () => { if (run) out.push({ text: run, kind: "phrase" }); run = ""; };
    for (let i = 0; i < chars.length;) {
      if (!WORD_CHAR.test(chars[i])) { flush(); i += 1; continue; }
      let length = Math.min(longest, chars.length - i);
      while (length > 1 && !words.has(chars.slice(i, i + length).join(""))) length -= 1;
      if (length === 1 && HAN.test(chars[i])) { run += chars[i]; i += 1; continue; }
      if (length === 1) {
        while (i + length < chars.length && WORD_CHAR.test(chars[i + length]) && !HAN.test(chars[i + length])) {
          length += 1;
        }
      }
      flush();
      out.push({ text: chars.slice(i, i + length).join(""), kind: "word" });
      i += length;
    }
    flush();
    return loneCharacters(out.filter(Boolean));
  }

  /** A lone character the vocabulary holds no word for is a word of one character
   *  (办 in 区府办, where jieba cuts 区府/办); two or more side by side are a phrase. */
  function loneCharacters(parts) {
    return parts.map((p) => (p.kind === "phrase" && Array.from(p.text).length === 1 ? { ...p, kind: "char" } : p));
  }

  /** What Pagefind is asked for a part: the word, or a phrase's first character. */
  function term(part) {
    return part.kind === "phrase" ? Array.from(part.text)[0] : part.text;
  }

  function normalised(text) {
    return text.replace(IGNORED_IN_PHRASE, "").toLowerCase();
  }

  // ---- the report's text back from Pagefind's stored words ----

  function plainWord(word) {
    if (word === JOINER || word === BLOCK_END) return " ";
    return word.startsWith(JOINER) ? "" : word;
  }

  function plainText(indexed) {
    return indexed.split(" ").map(plainWord).join("").trim();
  }

  /** The text of the block (heading or paragraph) holding word `center`, about
   *  CONTEXT_BEFORE + CONTEXT_AFTER characters of it: { text, start, end }. */
  function snippet(indexedWords, center) {
    let start = center;
    let before = 0;
    while (start > 0 && indexedWords[start - 1] !== BLOCK_END && before < CONTEXT_BEFORE) {
      start -= 1;
      before += plainWord(indexedWords[start]).length;
    }
    let end = center;
    let after = 0;
    while (end < indexedWords.length && indexedWords[end] !== BLOCK_END && after < CONTEXT_AFTER) {
      after += plainWord(indexedWords[end]).length;
      end += 1;
    }
    const cutBefore = start > 0 && indexedWords[start - 1] !== BLOCK_END;
    const cutAfter = end < indexedWords.length && indexedWords[end] !== BLOCK_END;
    const text = indexedWords.slice(start, end).map(plainWord).join("").trim();
    return { text: (cutBefore ? "…" : "") + text + (cutAfter ? "…" : ""), start, end };
  }

  /** The place to show: the match with the most query parts close by (the first such),
   *  outside the title when the body has a match. */
  function bestLocation(indexedWords, weighted, texts) {
    const body = weighted.filter((w) => w.weight < TITLE_WEIGHT);
    const pool = (body.length ? body : weighted).slice().sort((a, b) => a.location - b.location);
    let best = null;
    let bestCount = -1;
    for (const candidate of pool) {
      const count = partsNear(indexedWords, candidate.location, texts);
      if (count > bestCount) [best, bestCount] = [candidate.location, count];
    }
    return best;
  }

  function partsNear(indexedWords, location, texts) {
    const from = Math.max(0, location - 2);
    const to = Math.min(indexedWords.length, location + 3 * texts.length + 6);
    const near = normalised(indexedWords.slice(from, to).map(plainWord).join(""));
    return texts.filter((t) => near.includes(normalised(t))).length;
  }

  /** The section holding word `location`: the last heading (not the title) at or before it. */
  function sectionAt(data, location) {
    let found = null;
    for (const anchor of data.anchors || []) {
      if (anchor.element !== "h1" && anchor.id && anchor.location <= location) found = anchor;
    }
    return found;
  }

  /** The plain text of each section (the title and the opening count as one). */
  function sectionTexts(data) {
    const words = data.content.split(" ");
    const cuts = (data.anchors || []).filter((a) => a.element !== "h1").map((a) => a.location);
    const bounds = [0, ...cuts, words.length];
    const texts = [];
    for (let i = 0; i + 1 < bounds.length; i += 1) {
      texts.push(normalised(words.slice(bounds[i], bounds[i + 1]).map(plainWord).join("")));
    }
    return texts;
  }

  /** 0: the parts side by side as typed; 1: all in one section; 2: somewhere in the report. */
  function closeness(data, query, parts) {
    if (parts.length < 2) return 0;
    const whole = normalised(plainText(data.content));
    if (whole.includes(normalised(query))) return 0;
    const texts = parts.map((p) => normalised(p.text));
    return sectionTexts(data).some((s) => texts.every((t) => s.includes(t))) ? 1 : 2;
  }

  function holdsPhrases(data, parts) {
    const text = normalised(plainText(data.content));
    return parts.every((p) => p.kind !== "phrase" || text.includes(normalised(p.text)));
  }

  // ---- rendering (Material's result markup, so Material's styles apply) ----

  function element(tag, className, children = []) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  }

  /** `text` with every occurrence of the strings in `marked` highlighted, as DOM nodes. */
  function highlighted(text, marked) {
    const lower = text.toLowerCase();
    const marks = [];
    for (const word of marked.filter(Boolean)) {
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

  /** The page address with the parts to highlight there, before the #anchor. */
  function landing(url, parts) {
    const target = new URL(url, location.href);
    target.searchParams.set(HIGHLIGHT_PARAM, parts.map((p) => p.text).join(" "));
    return target.pathname + target.search + target.hash;
  }

  /** One result: title, year · unit · type, and one passage with its section's heading as
   *  a label; the link lands on that section with the parts highlighted. */
  function renderReport(data, parts, marked) {
    const indexedWords = data.content.split(" ");
    const title = plainText(data.meta.title || "");
    const texts = parts.map((p) => p.text);
    const center = bestLocation(indexedWords, data.weighted_locations, texts) ?? 0;
    const section = sectionAt(data, center);
    let where = center;
    if (section && section.location <= center && indexedWords.indexOf(BLOCK_END, section.location) >= center) {
      where = indexedWords.indexOf(BLOCK_END, section.location) + 1; // the match is in the heading: show what follows
      if (where >= indexedWords.length) where = center;
    }
    const shown = snippet(indexedWords, where);
    const children = [
      element("div", "md-search-result__icon md-icon"),
      element("h1", "", highlighted(title, marked)),
      metaLine(data),
    ];
    if (section) children.push(element("p", "wk-search-result__section", highlighted(plainText(section.text), marked)));
    children.push(element("p", "wk-search-result__passage", highlighted(shown.text, marked)));
    const url = section ? `${data.url.split("#")[0]}#${section.id}` : data.url;
    return element("li", "md-search-result__item", [link(landing(url, parts), element("article",
      "md-search-result__article md-typeset", children))]);
  }

  function link(url, article) {
    const anchor = element("a", "md-search-result__link", [article]);
    anchor.href = url;
    anchor.tabIndex = -1;
    return anchor;
  }

  // ---- filters ----

  function buildFilters() {
    for (const filter of FILTERS) {
      const select = element("select", "wk-search-filter");
      select.name = filter.name;
      select.setAttribute("aria-label", filter.label);
      select.append(new Option(filter.all, ""));
      select.addEventListener("change", () => { writeAddress(); search(input.value); });
      selects.set(filter.name, select);
      filterBar.append(element("label", "", [filter.label, " ", select]));
    }
  }

  function chosenFilters(except) {
    const chosen = {};
    for (const [name, select] of selects) if (select.value && name !== except) chosen[name] = select.value;
    return chosen;
  }

  /** Fills each filter with its values and counts: how many results choosing it gives. */
  function showCounts(counts) {
    for (const filter of FILTERS) {
      const select = selects.get(filter.name);
      const values = counts[filter.name] || {};
      const chosen = select.value;
      if (chosen && !(chosen in values)) values[chosen] = 0;
      const options = Object.keys(values).filter((v) => values[v] > 0 || v === chosen)
        .sort((a, b) => (filter.name === "year" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b)));
      select.replaceChildren(new Option(filter.all, ""),
        ...options.map((v) => new Option(`${filter.shown(v)}（${values[v]}）`, v)));
      select.value = chosen;
    }
    filterBar.hidden = false;
  }

  /** Per filter, the results matching every other chosen filter, by value. */
  function countFilters(items, valuesOf) {
    const counts = {};
    for (const filter of FILTERS) {
      const others = chosenFilters(filter.name);
      const tally = {};
      for (const item of items) {
        const values = valuesOf.get(item.id) || {};
        if (!matchesFilters(values, others)) continue;
        for (const value of values[filter.name] || []) tally[value] = (tally[value] || 0) + 1;
      }
      counts[filter.name] = tally;
    }
    return counts;
  }

  function matchesFilters(values, chosen) {
    return Object.entries(chosen).every(([name, value]) => (values[name] || []).includes(value));
  }

  // ---- searching ----

  function setStatus(text, stateName, query) {
    meta.textContent = text;
    result.dataset.wkState = stateName;
    result.dataset.wkQuery = query;
  }

  function entry(pagefindResult) {
    const item = { id: pagefindResult.id, data: null, load: null };
    item.load = () => {
      if (!item.loading) item.loading = pagefindResult.data().then((data) => { item.data = data; return data; });
      return item.loading;
    };
    return item;
  }

  async function search(query) {
    const generation = ++state.generation;
    list.replaceChildren();
    suggest.replaceChildren();
    more.hidden = true;
    if (!query.trim()) {
      filterBar.hidden = true;
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
    const parts = queryParts(query, vocabulary);
    const found = parts.length && pagefind ? await find(pagefind, query, parts) : { items: [], counts: {}, capped: false };
    if (generation !== state.generation) return;
    const marked = [normalised(query), ...parts.map((p) => p.text)];
    Object.assign(state, { results: found.items, shown: 0, parts, marked });
    await showMore(generation);
    if (generation !== state.generation) return;
    showCounts(found.counts);
    const count = found.items.length;
    if (count === 0) {
      showNone(query, parts);
    } else {
      const summary = count === 1 ? translate("search.result.one") : translate("search.result.other", count);
      setStatus(found.capped ? `${summary}（只核对了前 ${CHECK_LIMIT} 篇候选报告）` : summary, "ready", query);
    }
  }

  /** The results for `parts` under the chosen filters, closest first, with the filters' counts. */
  async function find(pagefind, query, parts) {
    const terms = parts.map(term);
    const numbers = shardsHolding(terms);
    if (!numbers.length) return { items: [], counts: {}, capped: false };
    await mergeShards(pagefind, numbers);
    const [{ valuesOf, shardOf }, response] = await Promise.all([loadFilterIndex(), pagefind.search(terms.join(" "))]);
    const holding = new Set(numbers); // a shard merged for an earlier query may answer by its fallback
    let found = response.results.filter((r) => holding.has(shardOf.get(r.id)))
      .sort((a, b) => b.score - a.score || shardOf.get(a.id) - shardOf.get(b.id)).map(entry);
    let capped = false;
    if (parts.some((p) => p.kind === "phrase")) {
      // Candidates by the words and the phrases' first characters; each is read to check.
      capped = found.length > CHECK_LIMIT;
      found = found.slice(0, CHECK_LIMIT);
      await Promise.all(found.map((c) => c.load()));
      found = found.filter((c) => holdsPhrases(c.data, parts));
    }
    const chosen = chosenFilters();
    const items = found.filter((item) => matchesFilters(valuesOf.get(item.id) || {}, chosen));
    return { items: await closestFirst(items, query, parts), counts: countFilters(found, valuesOf), capped };
  }

  /** The first RERANK results sorted by closeness (stable: Pagefind's order within). */
  async function closestFirst(items, query, parts) {
    if (parts.length < 2) return items;
    const head = items.slice(0, RERANK);
    await Promise.all(head.map((i) => i.load()));
    const rank = new Map(head.map((i) => [i, closeness(i.data, query, parts)]));
    const sorted = head.map((item, index) => [item, index])
      .sort((a, b) => rank.get(a[0]) - rank.get(b[0]) || a[1] - b[1]).map(([item]) => item);
    return [...sorted, ...items.slice(RERANK)];
  }

  /** "没有找到": what was searched, under which filters, and shorter words that do exist. */
  function showNone(query, parts) {
    const chosen = Object.entries(chosenFilters()).map(([name, value]) => {
      const filter = FILTERS.find((f) => f.name === name);
      return `${filter.label}：${filter.shown(value)}`;
    });
    const within = chosen.length ? `（筛选条件 ${chosen.join("，")}）` : "";
    setStatus(`没有找到包含“${query.trim()}”的报告${within}`, "ready", query);
    const shorter = shorterWords(query, parts);
    const nodes = [];
    if (shorter.length) {
      nodes.push("可以试试更短的词：");
      shorter.forEach((word, i) => {
        const button = element("button", "wk-search-suggestion", [word]);
        button.type = "button";
        button.addEventListener("click", () => { input.value = word; writeAddress(); search(word); });
        nodes.push(...(i ? ["、", button] : [button]));
      });
    } else {
      nodes.push("可以换一个词，或用更短的词再试。");
    }
    if (chosen.length) nodes.push(" 也可以放宽筛选条件。");
    suggest.append(...nodes);
  }

  /** Words of the index inside the query, shorter than it, longest first (at most 4). */
  function shorterWords(query, parts) {
    const chars = Array.from(normalised(query));
    const found = new Set();
    for (let i = 0; i < chars.length; i += 1) {
      for (let j = Math.min(chars.length, i + vocabulary.longest); j >= i + 2; j -= 1) {
        const word = chars.slice(i, j).join("");
        if (j - i < chars.length && vocabulary.words.has(word)) found.add(word);
      }
    }
    if (parts.length > 1) for (const part of parts) if (part.kind === "word") found.add(part.text);
    return [...found].sort((a, b) => b.length - a.length).slice(0, 4);
  }

  async function showMore(generation) {
    const page = state.results.slice(state.shown, state.shown + PAGE_SIZE);
    const data = await Promise.all(page.map((item) => item.load()));
    if (generation !== state.generation) return;
    state.shown += page.length;
    list.append(...data.map((d) => renderReport(d, state.parts, state.marked)));
    more.hidden = state.shown >= state.results.length;
  }

  function schedule() {
    clearTimeout(state.timer);
    prepare(input.value);
    state.timer = setTimeout(() => { writeAddress(); search(input.value); }, DEBOUNCE_MS);
  }

  /** While the box waits for the typing to pause: the vocabulary for what is typed so far,
   *  and, once Pagefind is loaded, the shards holding its words and their index chunks. */
  function prepare(query) {
    if (!query.trim()) return;
    Promise.all([loadEngine(), loadVocabularyFor(query)]).then(([pagefind]) => {
      if (!pagefind || query !== input.value) return;
      const terms = queryParts(query, vocabulary).map(term);
      const numbers = shardsHolding(terms);
      if (numbers.length) mergeShards(pagefind, numbers).then(() => pagefind.preload(terms.join(" "))).catch(() => {});
    }).catch(() => {}); // the search itself reports a failure
  }

  // ---- the query in the address ----

  /** ?q= and the chosen filters in the address of this page (replacing, not adding, a history entry). */
  function writeAddress() {
    const address = new URL(location.href);
    for (const name of ["q", ...selects.keys()]) address.searchParams.delete(name);
    if (input.value.trim() && toggle.checked) {
      address.searchParams.set("q", input.value.trim());
      for (const [name, value] of Object.entries(chosenFilters())) address.searchParams.set(name, value);
    }
    if (address.href !== location.href) history.replaceState(history.state, "", address.href);
  }

  /** Opens the search with its results when the address holds ?q=. */
  function readAddress() {
    const params = new URLSearchParams(location.search);
    const query = params.get("q");
    if (!query) return;
    for (const [name, select] of selects) {
      const value = params.get(name);
      if (value) {
        if (![...select.options].some((o) => o.value === value)) select.append(new Option(value, value));
        select.value = value;
      }
    }
    input.value = query;
    open();
    search(query);
  }

  // ---- opening, closing and keys, as Material's own search box behaves ----

  function open() {
    if (!toggle.checked) toggle.checked = true;
    loadEngine().catch(() => {});
  }

  /** Closes the box; `keepAddress` when a result is followed, so that back returns to the list. */
  function close(keepAddress = false) {
    toggle.checked = false;
    input.blur();
    if (!keepAddress) writeAddress();
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

  buildFilters();
  // Pagefind starts loading once the page is shown and the browser has nothing else to do, as
  // Material's own search loads its index with every page: a reader's first query waits less.
  if ("requestIdleCallback" in window) requestIdleCallback(() => loadEngine().catch(() => {}), { timeout: 2000 });
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
    else writeAddress();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = resultLinks()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    for (const select of selects.values()) select.value = "";
    setTimeout(() => { writeAddress(); search(""); input.focus(); });
  });
  more.addEventListener("click", () => showMore(state.generation));
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) close(true);
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
  // Back to a page restored from the browser's cache: its box was closed when a result was followed.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && new URLSearchParams(location.search).get("q")) {
      open();
    }
  });
  readAddress();
})();
