/* Site search over the Pagefind index (built by plugins/sitesearch).
 *
 * Vietnamese readers often type without diacritics. Pagefind folds tone and
 * vowel marks by itself but keeps "đ" apart from "d"; the index therefore
 * also holds each page's words with every mark removed. A query is run as
 * typed and, when it has marks, once more folded ("Đắk Nông" -> "dak nong");
 * the two result lists are merged, and reports containing the words exactly
 * as typed are ranked first. Results, excerpts and highlights are built with
 * DOM text nodes only: nothing from the index is parsed as HTML.
 *
 * The page works without this script: search_ui.html shows archive links.
 */
(function () {
  "use strict";

  var app = document.querySelector("[data-search-app]");
  if (!app) {
    return;
  }

  var PAGE_SIZE = 10;
  var RANKED = 60; // results whose text is read to rank exact matches first
  var EXCERPT_WORDS = 30;
  var WORD = /[\p{L}\p{N}_]+/gu;

  var form = app.querySelector("[data-search-form]");
  var input = app.querySelector("[data-search-input]");
  var statusBox = app.querySelector("[data-search-status]");
  var list = app.querySelector("[data-search-results]");
  var moreButton = app.querySelector("[data-search-more]");
  var resetButton = app.querySelector("[data-search-reset]");
  var selects = Array.prototype.slice.call(app.querySelectorAll("[data-search-filter]"));
  var fallback = document.querySelector("[data-search-fallback]");
  var fallbackMessage = document.querySelector("[data-search-fallback-message]");

  var pagefindPromise = null;
  var generation = 0;
  var current = { items: [], shown: 0, words: [] };
  var debounceTimer = null;

  /* -- Text helpers ------------------------------------------------------- */

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D");
  }

  function lower(text) {
    return text.normalize("NFC").toLocaleLowerCase("vi");
  }

  function wordsOf(text) {
    return lower(text).match(WORD) || [];
  }

  /* -- Pagefind ----------------------------------------------------------- */

  function loadPagefind() {
    if (!pagefindPromise) {
      // Paths only: a production build (absolute SITEURL) previewed on another
      // host still loads its own index and links to its own pages.
      var bundle = new URL(app.getAttribute("data-bundle-url") + "pagefind.js", document.baseURI);
      var baseUrl = new URL(app.getAttribute("data-base-url") || "/", document.baseURI).pathname;
      var own = new URL(bundle.pathname, window.location.href).href;
      pagefindPromise = import(own).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: baseUrl, excerptLength: EXCERPT_WORDS }))
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
    }
    return pagefindPromise;
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) {
        filters[select.getAttribute("data-search-filter")] = select.value;
      }
    });
    return filters;
  }

  /* Results for the query as typed, then those only its folded form finds. */
  function findAll(pagefind, query, filters) {
    if (!query) {
      return pagefind.search(null, { filters: filters, sort: { date: "desc" } })
        .then(function (found) { return found ? found.results : []; });
    }
    var folded = lower(fold(query));
    var searches = [pagefind.search(query, { filters: filters })];
    if (folded !== lower(query)) {
      searches.push(pagefind.search(folded, { filters: filters }));
    }
    return Promise.all(searches).then(function (found) {
      var seen = Object.create(null);
      var merged = [];
      found.forEach(function (search) {
        (search ? search.results : []).forEach(function (result) {
          if (!seen[result.id]) {
            seen[result.id] = true;
            merged.push(result);
          }
        });
      });
      return merged;
    });
  }

  /* Does the page contain every query word exactly as typed (marks included)?
     The last word may be unfinished, so it counts as a prefix. */
  function matchesExactly(data, words) {
    if (!words.length) {
      return false;
    }
    var own = wordsOf((data.meta && data.meta.title ? data.meta.title + " " : "") + data.content);
    var set = Object.create(null);
    own.forEach(function (w) { set[w] = true; });
    var last = words[words.length - 1];
    return words.slice(0, -1).every(function (w) { return set[w]; }) &&
      (set[last] || own.some(function (w) { return w.indexOf(last) === 0; }));
  }

  function rank(results, words) {
    var head = results.slice(0, RANKED);
    return Promise.all(head.map(function (r) { return r.data(); })).then(function (datas) {
      var items = head.map(function (result, i) {
        return { result: result, data: datas[i], exact: matchesExactly(datas[i], words), order: i };
      });
      items.sort(function (a, b) {
        return (b.exact - a.exact) || (a.order - b.order);
      });
      return items.concat(results.slice(RANKED).map(function (result, i) {
        return { result: result, data: null, exact: false, order: RANKED + i };
      }));
    });
  }

  /* -- Excerpts ----------------------------------------------------------- */

  /* Where each query word occurs in `text`: exact spelling scores 2, the same
     word with other marks 1; the last query word may match a prefix. */
  function matchesIn(text, words) {
    var tokens = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      tokens.push({ start: match.index, end: match.index + match[0].length, word: lower(match[0]) });
    }
    var foldedWords = words.map(function (w) { return fold(w); });
    tokens.forEach(function (token) {
      var foldedToken = fold(token.word);
      token.score = 0;
      token.query = -1;
      words.forEach(function (w, i) {
        var isLast = i === words.length - 1;
        var exact = token.word === w || (isLast && w.length > 1 && token.word.indexOf(w) === 0);
        var loose = foldedToken === foldedWords[i] ||
          (isLast && foldedWords[i].length > 1 && foldedToken.indexOf(foldedWords[i]) === 0);
        var score = exact ? 2 : (loose ? 1 : 0);
        if (score > token.score) {
          token.score = score;
          token.query = i;
        }
      });
    });
    return tokens;
  }

  /* The window of EXCERPT_WORDS words with the most distinct query words. */
  function bestWindow(tokens, skip) {
    var best = skip;
    var bestScore = -1;
    for (var start = skip; start < Math.max(skip + 1, tokens.length - EXCERPT_WORDS + 1); start++) {
      // Each query word counts once (more if spelled exactly as typed), so the
      // first passage of the text holding them all wins over later lists.
      var found = Object.create(null);
      var score = 0;
      for (var i = start; i < Math.min(tokens.length, start + EXCERPT_WORDS); i++) {
        var q = tokens[i].query;
        if (tokens[i].score > (found[q] || 0)) {
          score += tokens[i].score - (found[q] || 0);
          found[q] = tokens[i].score;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = start;
      }
    }
    // Start a few words before the first match so it reads in context.
    for (var j = best; j < Math.min(tokens.length, best + EXCERPT_WORDS); j++) {
      if (tokens[j].score) {
        return Math.max(skip, j - 4);
      }
    }
    return best;
  }

  function excerptNode(data, words) {
    var text = (data.content || "").replace(/\s+/g, " ").trim();
    var title = data.meta && data.meta.title ? data.meta.title : "";
    var tokens = matchesIn(text, words);
    // Pages begin with their own title: prefer the text after it.
    var skip = 0;
    var at = title ? text.indexOf(title) : -1;
    if (at >= 0 && at < 200) {
      while (skip < tokens.length && tokens[skip].start < at + title.length) {
        skip++;
      }
      if (skip >= tokens.length) {
        skip = 0;
      }
    }
    var start = bestWindow(tokens, skip);
    var end = Math.min(tokens.length, start + EXCERPT_WORDS);
    var p = document.createElement("p");
    p.className = "search-result__excerpt";
    if (!tokens.length) {
      return p;
    }
    var from = tokens[start].start;
    var to = tokens[end - 1].end;
    var cursor = from;
    if (start > 0) {
      p.appendChild(document.createTextNode("… "));
    }
    for (var i = start; i < end; i++) {
      if (!tokens[i].score) {
        continue;
      }
      p.appendChild(document.createTextNode(text.slice(cursor, tokens[i].start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(tokens[i].start, tokens[i].end);
      p.appendChild(mark);
      cursor = tokens[i].end;
    }
    p.appendChild(document.createTextNode(text.slice(cursor, to)));
    if (end < tokens.length) {
      p.appendChild(document.createTextNode(" …"));
    }
    return p;
  }

  /* -- Rendering ---------------------------------------------------------- */

  function resultNode(item, words) {
    var data = item.data;
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "search-result";
    var article = document.createElement("article");

    if (meta.event) {
      var event = document.createElement("p");
      event.className = "search-result__event";
      event.textContent = meta.event;
      article.appendChild(event);
    }
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = meta.title || data.url;
    heading.appendChild(link);
    article.appendChild(heading);

    var facts = [meta.date, meta.cluster].filter(Boolean);
    if (facts.length) {
      var line = document.createElement("p");
      line.className = "search-result__meta";
      line.textContent = facts.join(" · ");
      article.appendChild(line);
    }
    article.appendChild(excerptNode(data, words));
    li.appendChild(article);
    return li;
  }

  function showMore() {
    var batch = current.items.slice(current.shown, current.shown + PAGE_SIZE);
    var mine = generation;
    return Promise.all(batch.map(function (item) {
      return item.data ? item.data : item.result.data().then(function (d) { item.data = d; return d; });
    })).then(function () {
      if (mine !== generation) {
        return;
      }
      var first = null;
      batch.forEach(function (item) {
        var node = resultNode(item, current.words);
        first = first || node;
        list.appendChild(node);
      });
      current.shown += batch.length;
      moreButton.hidden = current.shown >= current.items.length;
      return first;
    });
  }

  function setStatus(text) {
    statusBox.textContent = text;
  }

  function describe(count, query, filtered) {
    var where = filtered ? " trong bộ lọc đã chọn" : "";
    if (!query) {
      return count ? count + " bài viết" + where + ", mới nhất trước." : "Không có bài viết nào" + where + ".";
    }
    if (!count) {
      return "Không tìm thấy bài viết nào cho “" + query + "”" + where +
        ". Hãy thử từ khóa khác, bỏ bớt bộ lọc hoặc tra cứu theo năm trong Lưu trữ.";
    }
    return "Tìm thấy " + count + " bài viết cho “" + query + "”" + where + ".";
  }

  /* -- State in the address bar (shareable, and the header form's ?q=) ---- */

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (select) {
      var value = params.get(select.name);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (input.value.trim()) {
      params.set("q", input.value.trim());
    }
    selects.forEach(function (select) {
      if (select.value) {
        params.set(select.name, select.value);
      }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  /* -- Search --------------------------------------------------------------- */

  function search() {
    var mine = ++generation;
    var query = input.value.normalize("NFC").trim();
    var filters = chosenFilters();
    var filtered = Object.keys(filters).length > 0;
    writeAddress();
    app.setAttribute("data-search-state", "busy");
    list.textContent = "";
    moreButton.hidden = true;
    if (!query && !filtered) {
      current = { items: [], shown: 0, words: [] };
      setStatus("");
      app.setAttribute("data-search-state", "idle");
      return Promise.resolve();
    }
    setStatus("Đang tìm…");
    var words = wordsOf(query);
    return loadPagefind()
      .then(function (pagefind) { return findAll(pagefind, query, filters); })
      .then(function (results) { return rank(results, words); })
      .then(function (items) {
        if (mine !== generation) {
          return;
        }
        current = { items: items, shown: 0, words: words };
        setStatus(describe(items.length, query, filtered));
        app.setAttribute("data-search-count", String(items.length));
        return showMore().then(function () {
          if (mine === generation) {
            app.setAttribute("data-search-state", "done");
          }
        });
      })
      .catch(function (error) {
        if (mine === generation) {
          app.setAttribute("data-search-state", "error");
          indexUnavailable(error);
        }
      });
  }

  function indexUnavailable(error) {
    setStatus("Chưa tải được chỉ mục tìm kiếm. Bạn có thể tra cứu tin bài theo các mục bên dưới.");
    if (fallback) {
      fallback.hidden = false;
      if (fallbackMessage) {
        fallbackMessage.hidden = true;
      }
    }
    if (window.console && error) {
      window.console.warn("Tìm kiếm: không tải được Pagefind", error);
    }
  }

  function searchSoon() {
    window.clearTimeout(debounceTimer);
    debounceTimer = window.setTimeout(search, 250);
  }

  /* -- Wiring --------------------------------------------------------------- */

  app.hidden = false;
  if (fallback) {
    fallback.hidden = true;
  }
  readAddress();

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(debounceTimer);
    search();
  });
  input.addEventListener("input", searchSoon);
  selects.forEach(function (select) {
    select.addEventListener("change", function () { search(); });
  });
  resetButton.addEventListener("click", function () {
    selects.forEach(function (select) { select.value = ""; });
    search();
  });
  moreButton.addEventListener("click", function () {
    showMore().then(function (first) {
      var link = first && first.querySelector("a");
      if (link) {
        link.focus();
      }
    });
  });

  // The header's search box on this page searches here too.
  var header = document.querySelector(".site-header form[role=search]");
  if (header) {
    var headerInput = header.querySelector("input[name=q]");
    if (headerInput) {
      headerInput.value = input.value;
    }
  }

  loadPagefind().catch(indexUnavailable);
  if (input.value.trim() || Object.keys(chosenFilters()).length) {
    search();
  }
})();
