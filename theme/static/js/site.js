// Progressive enhancement only: every link works without this file.
// On phones the main navigation is one row that scrolls sideways; bring the
// current section into view so the reader sees where they are.
(function () {
  "use strict";
  var list = document.querySelector(".site-nav__list");
  var current = list && list.querySelector("[aria-current]");
  if (!current || list.scrollWidth <= list.clientWidth) return;
  var item = current.parentElement;
  var left = item.offsetLeft - (list.clientWidth - item.offsetWidth) / 2;
  list.scrollLeft = Math.max(0, left);
})();
