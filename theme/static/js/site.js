// Progressive enhancement only: every link, the menu and the filters work
// without this file.
(function () {
  "use strict";

  // Disclosures that fold on phones only (the main menu, filter boxes):
  // <details data-open-wide> is open from 48rem up and closed below. The CSS
  // already shows their content on wide screens before this runs.
  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : null;
  var folding = Array.prototype.slice.call(document.querySelectorAll("details[data-open-wide]"));

  function fit() {
    folding.forEach(function (details) {
      details.open = Boolean(WIDE && WIDE.matches);
    });
  }

  if (WIDE && folding.length) {
    fit();
    if (WIDE.addEventListener) {
      WIDE.addEventListener("change", fit);
    } else if (WIDE.addListener) {
      WIDE.addListener(fit);
    }
  }

  // Esc closes an open menu or filter box on a phone and gives the focus back to its button.
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
