// Progressive enhancement only: every link, the menu and the filters work
// without this file (the menu and filter boxes are <details> disclosures).
(function () {
  "use strict";

  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : null;

  function onWidthChange(handler) {
    if (!WIDE) {
      return;
    }
    if (WIDE.addEventListener) {
      WIDE.addEventListener("change", handler);
    } else if (WIDE.addListener) {
      WIDE.addListener(handler);
    }
  }

  // The main menu. Without this file it is a <details> whose <summary> says
  // "Menu"; here it becomes a <button aria-expanded aria-controls> showing and
  // hiding the <nav> (always shown from 48rem), as screen readers expect.
  var menu = document.querySelector("details.site-menu");
  var nav = menu && menu.querySelector("nav[id]");
  var summary = menu && menu.querySelector("summary");
  if (nav && summary) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = summary.className + " site-menu__button";
    button.setAttribute("aria-controls", nav.id);
    button.setAttribute("aria-expanded", "false");
    while (summary.firstChild) {
      button.appendChild(summary.firstChild);
    }
    menu.parentNode.insertBefore(button, menu);
    menu.parentNode.replaceChild(nav, menu);

    var showMenu = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.hidden = !open && !(WIDE && WIDE.matches);
    };
    showMenu(false);
    button.addEventListener("click", function () {
      showMenu(button.getAttribute("aria-expanded") !== "true");
    });
    onWidthChange(function () { showMenu(false); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" &&
          (event.target === button || nav.contains(event.target))) {
        showMenu(false);
        button.focus();
      }
    });
  }

  // Disclosures that fold on phones only (filter boxes): <details
  // data-open-wide> is open from 48rem up and closed below. The CSS already
  // shows their content on wide screens before this runs.
  var folding = Array.prototype.slice.call(document.querySelectorAll("details[data-open-wide]"));

  function fit() {
    folding.forEach(function (details) {
      details.open = Boolean(WIDE && WIDE.matches);
    });
  }

  if (WIDE && folding.length) {
    fit();
    onWidthChange(fit);
  }

  // Esc closes an open filter box on a phone and gives the focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || (WIDE && WIDE.matches)) {
      return;
    }
    var details = event.target.closest ? event.target.closest("details[data-open-wide][open]") : null;
    if (details) {
      details.open = false;
      var summary = details.querySelector("summary");
      if (summary) {
        summary.focus();
      }
    }
  });

  // A printed page says where it came from and when: "Nguồn: <address> — in ngày dd/mm/yyyy".
  var url = document.querySelector("[data-print-url]");
  var day = document.querySelector("[data-print-day]");
  var date = document.querySelector("[data-print-date]");
  function stamp() {
    if (url) {
      url.textContent = window.location.href.split("#")[0];
    }
    if (day && date) {
      var now = new Date();
      var two = function (n) { return (n < 10 ? "0" : "") + n; };
      date.textContent = two(now.getDate()) + "/" + two(now.getMonth() + 1) + "/" + now.getFullYear();
      day.hidden = false;
    }
  }
  stamp();
  window.addEventListener("beforeprint", stamp);
})();
