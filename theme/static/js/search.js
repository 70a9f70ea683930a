/* Site search over the Pagefind index (built by thidua/search, one bundle a year).
 *
 * Vietnamese readers often type without diacritics. Pagefind folds tone and
 * vowel marks by itself but keeps "đ" apart from "d"; the index therefore
 * also holds each page's words with every mark removed. A query is run as
 * typed and, when it has marks, once more folded ("Đắk Nông" -> "dak nong");
 * the two result lists are merged, and reports containing the words exactly
 * as typed are ranked first. The reader may instead ask for the newest first:
 * each list comes from Pagefind sorted by date and the lists are merged by
 * date. Results, excerpts and highlights are built with DOM text nodes only:
 * nothing from the index is parsed as HTML.
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
  var sortInputs = Array.prototype.slice.call(app.querySelectorAll("[data-search-sort]"));
  var filterState = app.querySelector("[data-search-filter-state]");
  var NEWEST = "moi-nhat";
  var fallback = document.querySelector("[data-search-fallback]");
  var fallbackMessage = document.querySelector("[data-search-fallback-message]");

  var pagefindPromise = null;
  var generation = 0;
  var current = emptyResults();
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

  function startPagefind(url, baseUrl) {
    return import(url).then(function (pagefind) {
      return Promise.resolve(pagefind.options({ baseUrl: baseUrl, excerptLength: EXCERPT_WORDS }))
        .then(function () { return pagefind.init(); })
        .then(function () { return pagefind; });
    });
  }

  /* Every bundle of the index: one a year (a big year in parts). bundles.json,
     beside the entry bundle's pagefind.js, lists them with the emulation years
     their reports belong to; each bundle is its own Pagefind. */
  function loadPagefind() {
    if (!pagefindPromise) {
      // Paths only: a production build (absolute SITEURL) previewed on another
      // host still loads its own index and links to its own pages.
      var bundle = new URL(app.getAttribute("data-bundle-url") + "pagefind.js", document.baseURI);
      var baseUrl = new URL(app.getAttribute("data-base-url") || "/", document.baseURI).pathname;
      var own = new URL(bundle.pathname, window.location.href).href;
      var listed = fetch(new URL("bundles.json", own).href)
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; })
        .then(function (manifest) {
          var found = manifest && Array.isArray(manifest.bundles) ? manifest.bundles : [];
          return found.length ? found : [{ url: "", years: null }];
        });
      pagefindPromise = Promise.all([startPagefind(own, baseUrl), listed]).then(function (found) {
        return Promise.all(found[1].map(function (entry) {
          var started = entry.url ? startPagefind(new URL(entry.url + "pagefind.js", own).href, baseUrl)
            : Promise.resolve(found[0]);
          return started.then(function (pagefind) {
            return { pagefind: pagefind, years: Array.isArray(entry.years) ? entry.years : null };
          });
        }));
      });
    }
    return pagefindPromise;
  }

  /* The bundles that can hold results: with a year chosen, those of that year. */
  function bundlesFor(bundles, filters) {
    if (!filters.year) {
      return bundles;
    }
    return bundles.filter(function (bundle) {
      return !bundle.years || bundle.years.indexOf(filters.year) >= 0;
    });
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

  function newestFirst() {
    return sortInputs.some(function (input) { return input.checked && input.value === NEWEST; });
  }

  /* One query on every bundle: by date, one list a bundle (merged by date
     later); by relevance, one list with every bundle's results by score. */
  function searchBundles(bundles, query, options, byDate) {
    var chosen = bundlesFor(bundles, options.filters || {});
    return Promise.all(chosen.map(function (bundle) { return bundle.pagefind.search(query, options); }))
      .then(function (found) {
        var lists = found.map(function (search) { return search ? search.results : []; });
        if (byDate) {
          return lists;
        }
        var all = [].concat.apply([], lists);
        all.sort(function (a, b) { return (b.score || 0) - (a.score || 0); });
        return [all];
      });
  }

  /* The result lists: the query as typed and, when it has marks, folded; each
     sorted by date when the newest come first (always without a query). */
  function searchLists(bundles, query, filters, newest) {
    if (!query) {
      return searchBundles(bundles, null, { filters: filters, sort: { date: "desc" } }, true);
    }
    var options = newest ? { filters: filters, sort: { date: "desc" } } : { filters: filters };
    var folded = lower(fold(query));
    var searches = [searchBundles(bundles, query, options, newest)];
    if (folded !== lower(query)) {
      searches.push(searchBundles(bundles, folded, options, newest));
    }
    return Promise.all(searches).then(function (found) {
      return [].concat.apply([], found);
    });
  }

  /* Every result once, the query as typed first. */
  function mergeUnique(lists) {
    var seen = Object.create(null);
    var merged = [];
    lists.forEach(function (list) {
      list.forEach(function (result) {
        if (!seen[result.id]) {
          seen[result.id] = true;
          merged.push(result);
        }
      });
    });
    return merged;
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

  /* -- Result sources: `take(n)` gives the next n results, with their data -- */

  function emptyResults() {
    return { total: 0, shown: 0, words: [], take: function () { return Promise.resolve([]); } };
  }

  function fromList(items) {
    var position = 0;
    return function (n) {
      var batch = items.slice(position, position + n);
      position += batch.length;
      return Promise.resolve(batch);
    };
  }

  /* "Thứ ba, 05/03/2024" -> "20240305": the date a result shows, as a sort key. */
  function dateKey(data) {
    var found = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec((data && data.meta && data.meta.date) || "");
    if (!found) {
      return "";
    }
    return found[3] + ("0" + found[2]).slice(-2) + ("0" + found[1]).slice(-2);
  }

  /* Lists each sorted newest first, merged by date: only the results shown are
     read (each list's next result is compared with the others'). */
  function mergedByDate(lists) {
    var position = lists.map(function () { return 0; });
    var seen = Object.create(null);
    var loaded = Object.create(null);

    function dataOf(result) {
      if (!loaded[result.id]) {
        loaded[result.id] = result.data();
      }
      return loaded[result.id];
    }

    function head(i) {
      while (position[i] < lists[i].length && seen[lists[i][position[i]].id]) {
        position[i]++;
      }
      return position[i] < lists[i].length ? lists[i][position[i]] : null;
    }

    function next() {
      var live = [];
      lists.forEach(function (list, i) {
        if (head(i)) {
          live.push(i);
        }
      });
      if (!live.length) {
        return Promise.resolve(null);
      }
      return Promise.all(live.map(function (i) { return dataOf(head(i)); })).then(function (datas) {
        var best = 0;
        for (var k = 1; k < live.length; k++) {
          if (dateKey(datas[k]) > dateKey(datas[best])) {
            best = k;
          }
        }
        var result = head(live[best]);
        seen[result.id] = true;
        position[live[best]]++;
        return { result: result, data: datas[best], exact: false };
      });
    }

    var pending = Promise.resolve();
    return function (n) {
      var batch = [];
      function step() {
        if (batch.length >= n) {
          return batch;
        }
        return next().then(function (item) {
          if (!item) {
            return batch;
          }
          batch.push(item);
          return step();
        });
      }
      // One batch after the other: two quick "more" clicks never take a result twice.
      pending = pending.then(step, step);
      return pending;
    };
  }

  function resultsFor(lists, words, newest) {
    var unique = mergeUnique(lists);
    if (newest || !words.length) {
      var take = lists.length > 1 ? mergedByDate(lists) : fromList(unique.map(function (result) {
        return { result: result, data: null, exact: false };
      }));
      return Promise.resolve({ total: unique.length, shown: 0, words: words, take: take });
    }
    return rank(unique, words).then(function (items) {
      return { total: items.length, shown: 0, words: words, take: fromList(items) };
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
    var body = document.createElement("div");
    body.className = "search-result__body";

    // The cover's thumbnail (decorative: the title beside it says what it is).
    if (meta.image) {
      var image = document.createElement("img");
      image.className = "search-result__image";
      image.src = new URL(meta.image, new URL(data.url, document.baseURI)).href;
      image.alt = "";
      image.width = 160;
      image.height = 120;
      image.loading = "lazy";
      image.decoding = "async";
      article.className = "search-result--with-image";
      article.appendChild(image);
    }
    article.appendChild(body);

    if (meta.event) {
      var event = document.createElement("p");
      event.className = "search-result__event";
      event.textContent = meta.event;
      body.appendChild(event);
    }
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = meta.title || data.url;
    heading.appendChild(link);
    body.appendChild(heading);

    var facts = [meta.date, meta.cluster].filter(Boolean);
    if (facts.length) {
      var line = document.createElement("p");
      line.className = "search-result__meta";
      line.textContent = facts.join(" · ");
      body.appendChild(line);
    }
    body.appendChild(excerptNode(data, words));
    li.appendChild(article);
    return li;
  }

  function showMore() {
    var mine = generation;
    var shown = current;
    return shown.take(PAGE_SIZE).then(function (batch) {
      return Promise.all(batch.map(function (item) {
        return item.data ? item.data : item.result.data().then(function (d) { item.data = d; return d; });
      })).then(function () { return batch; });
    }).then(function (batch) {
      if (mine !== generation) {
        return;
      }
      var first = null;
      batch.forEach(function (item) {
        var node = resultNode(item, current.words);
        first = first || node;
        list.appendChild(node);
      });
      shown.shown += batch.length;
      moreButton.hidden = !batch.length || shown.shown >= shown.total;
      return first;
    });
  }

  function setStatus(text) {
    statusBox.textContent = text;
  }

  /* The filters chosen, as a reader would say them: "năm 2024; Cụm thi đua số 1 – …". */
  function filterWords() {
    return selects.filter(function (select) { return select.value; }).map(function (select) {
      var kind = select.getAttribute("data-search-filter");
      return kind === "year" ? "năm " + select.value : select.value;
    });
  }

  function describe(count, query, newest) {
    var chosen = filterWords();
    var where = chosen.length ? " (lọc: " + chosen.join("; ") + ")" : "";
    var order = newest || !query ? ", mới nhất trước." : ", liên quan nhất trước.";
    if (!query) {
      return count ? count + " bài viết" + where + order : "Không có bài viết nào" + where + ".";
    }
    if (!count) {
      return "Không tìm thấy bài viết nào cho “" + query + "”" + where +
        ". Hãy thử từ khóa khác, bỏ bớt bộ lọc hoặc tra cứu theo năm trong Lưu trữ.";
    }
    return "Tìm thấy " + count + " bài viết cho “" + query + "”" + where + order;
  }

  /* "Bỏ lọc" only when there is a filter to drop; the folded filter box says how many. */
  function showFilterState() {
    var count = filterWords().length;
    resetButton.hidden = count === 0;
    if (filterState) {
      filterState.textContent = count ? " (" + count + " đang chọn)" : "";
    }
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
    var order = params.get("sap-xep") || "";
    sortInputs.forEach(function (sortInput) {
      sortInput.checked = sortInput.value === (order === NEWEST ? NEWEST : "");
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
    if (newestFirst()) {
      params.set("sap-xep", NEWEST);
    }
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
    var newest = newestFirst();
    writeAddress();
    showFilterState();
    app.setAttribute("data-search-state", "busy");
    list.textContent = "";
    moreButton.hidden = true;
    if (!query && !filtered) {
      current = emptyResults();
      setStatus("");
      app.setAttribute("data-search-state", "idle");
      return Promise.resolve();
    }
    setStatus("Đang tìm…");
    var words = wordsOf(query);
    return loadPagefind()
      .then(function (bundles) { return searchLists(bundles, query, filters, newest); })
      .then(function (lists) { return resultsFor(lists, words, newest); })
      .then(function (results) {
        if (mine !== generation) {
          return;
        }
        current = results;
        setStatus(describe(results.total, query, newest));
        app.setAttribute("data-search-count", String(results.total));
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
  sortInputs.forEach(function (sortInput) {
    sortInput.addEventListener("change", function () { search(); });
  });
  resetButton.addEventListener("click", function () {
    selects.forEach(function (select) { select.value = ""; });
    search();
    // The button goes away with the filters: keep the reader's place.
    if (selects.length) {
      selects[0].focus();
    }
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

  showFilterState();
  loadPagefind().catch(indexUnavailable);
  if (input.value.trim() || Object.keys(chosenFilters()).length) {
    search();
  }
})();
